import { defineRule, hadolintUrl } from '../../define-rule.js';
import { firstFlag } from '../../internal/flags.js';
import { dropQuotes } from './shared.js';

const MESSAGE = 'Do not copy an entire filesystem from another stage';

/** DL3067: `COPY --from=<stage> / /` copies a whole root filesystem over this one. */
export const dl3067 = defineRule(
  {
    id: 'DL3067',
    source: 'hadolint',
    severity: 'warning',
    description: 'Do not copy an entire filesystem from another stage',
    url: hadolintUrl('DL3067'),
    keywords: ['COPY'],
    examples: {
      reported: { dockerfile: 'FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build / /\n' },
      notReported: {
        dockerfile:
          'FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /opt/app /opt/app\n',
      },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('COPY')) {
      if (!firstFlag(n, 'from')) continue;
      const target = dropQuotes(n.args[n.args.length - 1] ?? '');
      const root = n.args.slice(0, -1).some((s) => dropQuotes(s) === '/');
      if (root && target === '/') report(n, MESSAGE);
    }
  },
);
