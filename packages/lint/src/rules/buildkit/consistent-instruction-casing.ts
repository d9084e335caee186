import { type InstructionNode, withKeywordText } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';

/**
 * ConsistentInstructionCasing: every keyword in the majority casing (all upper or all lower).
 *
 * @example
 * ```dockerfile
 * FROM alpine
 * run echo hi   # Command 'run' should match the case of the command majority (uppercase)
 * ```
 */
export const consistentInstructionCasing = defineRule(
  {
    id: 'ConsistentInstructionCasing',
    source: 'buildkit',
    severity: 'warning',
    description:
      'All commands within the Dockerfile should use the same casing (either upper or lower)',
    url: buildkitUrl('ConsistentInstructionCasing'),
    fixable: true,
    checkConfig: 'file',
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nRUN true\nrun echo hi\n' },
      notReported: { dockerfile: 'from alpine:3.20\nrun true\n' },
    },
  },
  (ctx, report) => {
    // BuildKit counts and checks the instructions of its stages: ARGs before the first FROM
    // are not among them.
    let upper = 0;
    let lower = 0;
    let mixed = 0;
    const count = (n: InstructionNode): void => {
      const kw = written(n);
      if (kw === kw.toUpperCase()) upper++;
      else if (kw === kw.toLowerCase()) lower++;
      else mixed++;
    };
    for (const s of ctx.stages) {
      count(s.from);
      for (const n of s.instructions) count(n);
    }
    // Most files write every keyword in one casing: nothing to report then.
    if (mixed === 0 && (upper === 0 || lower === 0)) return;
    const majorityLower = lower > upper;
    const majority = majorityLower ? 'lowercase' : 'uppercase';
    const check = (n: InstructionNode): void => {
      const kw = written(n);
      const ok = majorityLower ? kw === kw.toLowerCase() : kw === kw.toUpperCase();
      if (ok) return;
      const wanted = majorityLower ? kw.toLowerCase() : kw.toUpperCase();
      report(
        n,
        `Command '${kw}' should match the case of the command majority (${majority})`,
        () => {
          const replacement = withKeywordText(n, wanted);
          return replacement
            ? { description: `Write '${wanted}'`, edits: [{ target: n, replacement }] }
            : null;
        },
      );
    };
    for (const s of ctx.stages) {
      check(s.from);
      for (const n of s.instructions) check(n);
    }
  },
);

/** The keyword as written. */
function written(n: InstructionNode): string {
  return n.raws?.keyword || n.keyword;
}
