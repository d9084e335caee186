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
 * `folding` holds where the findings of rules declaring a `sameProblemAs` are in `reported`
 * (the findings that may fold into another: few); `into` every id a `sameProblemAs` of the rules
 * names (what {@link RuleTable} reads).
 */
export function mergeSameProblems(
  reported: readonly Reported[],
  folding: readonly number[],
  ctx: RuleContext,
  into: ReadonlySet<string>,
): readonly Reported[] {
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
  // Made at the first fold (most files have none): the findings folded away, and for each
  // finding kept the ids folded into it and its severity, the highest of theirs.
  let removed: Set<number> | null = null;
  let folded: Map<number, { readonly ids: string[]; severity: Severity }> | null = null;
  for (const i of folding) {
    const r = reported[i]!;
    const anchor = r.anchor;
    if (!anchor) continue;
    const sameProblemAs = r.meta!.sameProblemAs!;
    for (const otherId in sameProblemAs) {
      const target = sameProblemAs[otherId] === 'here' ? anchor : previousOfKeyword(ctx, anchor);
      const candidates = target && byAnchor.get(target);
      if (!candidates) continue;
      const j = candidates.find(
        (k) => k !== i && reported[k]!.finding.ruleId === otherId && !removed?.has(k),
      );
      if (j === undefined) continue;
      removed ??= new Set();
      folded ??= new Map();
      removed.add(i);
      const { ruleId, severity } = r.finding;
      const into = folded.get(j);
      if (!into)
        folded.set(j, { ids: [ruleId], severity: higher(severity, reported[j]!.finding.severity) });
      else {
        into.ids.push(ruleId);
        into.severity = higher(severity, into.severity);
      }
      break;
    }
  }
  if (!removed || !folded) return reported;
  const merged: Reported[] = [];
  for (let i = 0; i < reported.length; i++) {
    if (removed.has(i)) continue;
    const r = reported[i]!;
    const into = folded.get(i);
    merged.push(
      into
        ? { finding: withAlso(r.finding, into.ids, into.severity), meta: r.meta, anchor: r.anchor }
        : r,
    );
  }
  return merged;
}

function higher(a: Severity, b: Severity): Severity {
  return RANK[a] > RANK[b] ? a : b;
}

/** The kept finding of a problem: also under `ids`, at the higher severity. */
function withAlso(f: Finding, ids: readonly string[], severity: Severity): Finding {
  const alsoRuleIds = f.alsoRuleIds ? [...f.alsoRuleIds, ...ids] : ids;
  const { ruleId, message, position, fix, file } = f;
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
