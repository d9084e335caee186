import type { InstructionNode } from '@dockwright/ast';
import type { RuleContext } from './rule-context.js';
import type { Finding, RuleMeta, Severity } from './types.js';

/** A finding with what merging needs: its rule's metadata and the instruction it is about. */
export interface Reported {
  readonly finding: Finding;
  readonly meta: Pick<RuleMeta, 'id' | 'sameProblemAs'> | null;
  readonly anchor: InstructionNode | null;
}

const RANK: Record<Severity, number> = { style: 0, info: 1, warning: 2, error: 3 };

/**
 * One finding per problem: a finding whose rule declares `sameProblemAs: { Other: where }` is
 * folded into the finding of `Other` about the same instruction (`here`) or about the previous
 * instruction of the same keyword in the stage (`previous`: BuildKit reports the overridden
 * CMD, hadolint the one that overrides it). The kept finding names both rules, takes the
 * higher severity and keeps its own message and place. Findings are folded only after each
 * rule's own configuration filtered them, so a rule switched off leaves the other's finding.
 */
export function mergeSameProblems(reported: readonly Reported[], ctx: RuleContext): Reported[] {
  const present = new Set<string>();
  for (const r of reported) present.add(r.finding.ruleId);
  const candidate = reported.some((r) => {
    const same = r.meta?.sameProblemAs;
    if (!same) return false;
    for (const id in same) if (present.has(id)) return true;
    return false;
  });
  if (!candidate) return [...reported];
  const out = [...reported];
  const removed = new Set<number>();
  const also = new Map<number, string[]>();
  const severity = new Map<number, Severity>();
  // The findings of each rule about each instruction, in order: where a folded one may go.
  const byRuleAndAnchor = new Map<string, Map<InstructionNode, number[]>>();
  out.forEach((r, k) => {
    if (!r.anchor) return;
    let byAnchor = byRuleAndAnchor.get(r.finding.ruleId);
    if (!byAnchor) {
      byAnchor = new Map();
      byRuleAndAnchor.set(r.finding.ruleId, byAnchor);
    }
    const at = byAnchor.get(r.anchor);
    if (at) at.push(k);
    else byAnchor.set(r.anchor, [k]);
  });
  out.forEach((r, i) => {
    const same = r.meta?.sameProblemAs;
    if (!same || !r.anchor) return;
    for (const [otherId, where] of Object.entries(same)) {
      const target = where === 'here' ? r.anchor : previousOfKeyword(ctx, r.anchor);
      if (!target) continue;
      const candidates = byRuleAndAnchor.get(otherId)?.get(target) ?? [];
      const j = candidates.find((k) => !removed.has(k) && k !== i) ?? -1;
      if (j < 0) continue;
      removed.add(i);
      also.set(j, [...(also.get(j) ?? []), r.finding.ruleId]);
      const kept = severity.get(j) ?? out[j]!.finding.severity;
      if (RANK[r.finding.severity] > RANK[kept]) severity.set(j, r.finding.severity);
      return;
    }
  });
  const merged: Reported[] = [];
  out.forEach((r, i) => {
    if (removed.has(i)) return;
    const ids = also.get(i);
    if (!ids) {
      merged.push(r);
      return;
    }
    const finding: Finding = {
      ...r.finding,
      alsoRuleIds: [...(r.finding.alsoRuleIds ?? []), ...ids],
      severity: severity.get(i) ?? r.finding.severity,
    };
    merged.push({ ...r, finding });
  });
  return merged;
}

/** The previous instruction with the same keyword in the stage of `node`. */
function previousOfKeyword(ctx: RuleContext, node: InstructionNode): InstructionNode | null {
  const stage = ctx.stageOf(node);
  if (!stage) return null;
  let previous: InstructionNode | null = null;
  for (const n of stage.instructions) {
    if (n === node) return previous;
    if (n.keyword === node.keyword) previous = n;
  }
  return null;
}
