import type { InstructionNode } from '@dockwright/ast';
import type { RuleTable } from './policy.js';
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
 * `into` holds every id a `sameProblemAs` of the rules names (what {@link RuleTable} reads).
 */
export function mergeSameProblems(
  reported: readonly Reported[],
  ctx: RuleContext,
  into: ReadonlySet<string>,
): readonly Reported[] {
  // The findings that may fold into another (few: most rules declare no same problem).
  const folding: number[] = [];
  for (let k = 0; k < reported.length; k++) {
    const r = reported[k]!;
    if (r.anchor && r.meta?.sameProblemAs) folding.push(k);
  }
  if (folding.length === 0) return reported;
  // The findings of the rules they may fold into, by the instruction they are about, in order:
  // where they may go.
  const byAnchor = new Map<InstructionNode, number[]>();
  for (let k = 0; k < reported.length; k++) {
    const r = reported[k]!;
    if (!r.anchor || !into.has(r.finding.ruleId)) continue;
    const at = byAnchor.get(r.anchor);
    if (at) at.push(k);
    else byAnchor.set(r.anchor, [k]);
  }
  if (byAnchor.size === 0) return reported;
  const removed = new Set<number>();
  const also = new Map<number, string[]>();
  const severity = new Map<number, Severity>();
  for (const i of folding) {
    const r = reported[i]!;
    const anchor = r.anchor!;
    const sameProblemAs = r.meta!.sameProblemAs!;
    for (const otherId in sameProblemAs) {
      const target = sameProblemAs[otherId] === 'here' ? anchor : previousOfKeyword(ctx, anchor);
      const candidates = target && byAnchor.get(target);
      if (!candidates) continue;
      const j = candidates.find(
        (k) => k !== i && reported[k]!.finding.ruleId === otherId && !removed.has(k),
      );
      if (j === undefined) continue;
      removed.add(i);
      const ids = also.get(j);
      if (ids) ids.push(r.finding.ruleId);
      else also.set(j, [r.finding.ruleId]);
      const kept = severity.get(j) ?? reported[j]!.finding.severity;
      if (RANK[r.finding.severity] > RANK[kept]) severity.set(j, r.finding.severity);
      break;
    }
  }
  if (removed.size === 0) return reported;
  const merged: Reported[] = [];
  for (let i = 0; i < reported.length; i++) {
    if (removed.has(i)) continue;
    const r = reported[i]!;
    const ids = also.get(i);
    merged.push(
      ids
        ? { finding: withAlso(r.finding, ids, severity.get(i)), meta: r.meta, anchor: r.anchor }
        : r,
    );
  }
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
