import type { InstructionNode } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runFlagsOf } from '../../internal/views.js';
import type { RuleContext } from '../../rule-context.js';
import type { RunScript } from '../../shell/run-script.js';

const MESSAGE = 'Multiple consecutive `RUN` instructions. Consider consolidation.';

/**
 * DL3059: two RUNs in a row (comments between them do not count) that could be one layer. Left
 * alone when their `--mount`, `--network` or `--security` differ, or when either runs more
 * than one command (then splitting them was deliberate).
 */
export const dl3059 = defineRule(
  {
    id: 'DL3059',
    source: 'hadolint',
    severity: 'info',
    description: 'Multiple consecutive `RUN` instructions. Consider consolidation.',
    url: hadolintUrl('DL3059'),
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN mkdir /app\nRUN chown app /app\n' },
      notReported: { dockerfile: 'FROM debian:12\nRUN mkdir /app && chown app /app\n' },
    },
  },
  (ctx, report) => {
    // `ctx.runs()` holds the RUNs in the order of the children: the next one is this RUN's.
    const runs = ctx.runs();
    let next = 0;
    // The RUN the current one could join: the last unreported RUN of this row of RUNs.
    let previous: RunScript | null = null;
    for (const n of ctx.children) {
      if (n.type === 'comment') continue;
      if (n.type !== 'instruction' || n.keyword !== 'RUN') {
        previous = null;
        continue;
      }
      const run = runs[next++]!;
      if (
        previous &&
        previous.commands.length <= 1 &&
        run.commands.length <= 1 &&
        flagsKey(ctx, previous.node) === flagsKey(ctx, n)
      ) {
        report(n, MESSAGE);
        continue;
      }
      previous = run;
    }
  },
);

/** A RUN's `--mount`, `--network` and `--security` as one string, `''` when none is set. */
function flagsKey(ctx: RuleContext, n: InstructionNode): string {
  // Most RUNs have no flags at all.
  if (n.flags.length === 0) return '';
  const run = runFlagsOf(ctx, n);
  if (run.mounts.length === 0 && run.network === null && run.security === null) return '';
  return JSON.stringify([
    run.mounts.map((m) => JSON.stringify(m)).sort(),
    run.network,
    run.security,
  ]);
}
