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
export function mergeSameProblems(
  reported: readonly Reported[],
  ctx: RuleContext,
): readonly Reported[] {
  const present = new Set<string>();
  for (const r of reported) present.add(r.finding.ruleId);
  const candidate = reported.some((r) => {
    const same = r.meta?.sameProblemAs;
    if (!same) return false;
    for (const id in same) if (present.has(id)) return true;
    return false;
  });
  if (!candidate) return reported;
  const out = reported;
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
    merged.push(
      ids
        ? { finding: withAlso(r.finding, ids, severity.get(i)), meta: r.meta, anchor: r.anchor }
        : r,
    );
  });
  return merged;
}

/** The kept finding of a problem: also under `ids`, at the higher severity. */
function withAlso(f: Finding, ids: readonly string[], raised: Severity | undefined): Finding {
  const alsoRuleIds = f.alsoRuleIds ? [...f.alsoRuleIds, ...ids] : ids;
  const { ruleId, message, position, fix, file } = f;
  const severity = raised ?? f.severity;
  // The fields in the order every finding has them; a fix and a file only when set.
  if (fix && file) return { ruleId, severity, message, position, fix, file, alsoRuleIds };
  if (fix) return { ruleId, severity, message, position, fix, alsoRuleIds };
  if (file) return { ruleId, severity, message, position, file, alsoRuleIds };
  return { ruleId, severity, message, position, alsoRuleIds };
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
