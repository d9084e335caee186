import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runFlagsOf } from '../../internal/views.js';

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
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN mkdir /app\nRUN chown app /app\n' },
      notReported: { dockerfile: 'FROM debian:12\nRUN mkdir /app && chown app /app\n' },
    },
  },
  (ctx, report) => {
    let previous: { flags: string; commands: number } | null = null;
    for (const n of ctx.children) {
      if (n.type === 'comment') continue;
      if (n.type !== 'instruction' || n.keyword !== 'RUN') {
        previous = null;
        continue;
      }
      const run = runFlagsOf(ctx, n);
      // Written out only when set: most RUNs have none of these flags.
      const flags =
        run.mounts.length === 0 && run.network === null && run.security === null
          ? ''
          : JSON.stringify([
              run.mounts.map((m) => JSON.stringify(m)).sort(),
              run.network,
              run.security,
            ]);
      const commands = ctx.run(n).commands.length;
      if (previous && previous.flags === flags && commands <= 1 && previous.commands <= 1) {
        report(n, MESSAGE);
        continue;
      }
      previous = { flags, commands };
    }
  },
);
