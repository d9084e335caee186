import { defineRule, hadolintUrl } from '../../define-rule.js';

/** A port or range, with a protocol or not. */
const PORT = /^([0-9]+)(?:-([0-9]+))?(?:\/[A-Za-z]+)?$/;

const MESSAGE = 'Valid UNIX ports range from 0 to 65535';

/** DL3011: an EXPOSE port (or range end) above 65535. */
export const dl3011 = defineRule(
  {
    id: 'DL3011',
    source: 'hadolint',
    severity: 'error',
    description: 'Valid UNIX ports range from 0 to 65535.',
    url: hadolintUrl('DL3011'),
    sameProblemAs: { InvalidPort: 'here' },
    keywords: ['EXPOSE'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nEXPOSE 80000\n' },
      notReported: { dockerfile: 'FROM debian:12\nEXPOSE 8080\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('EXPOSE')) {
      const bad = n.args.some((word) => {
        const m = PORT.exec(word);
        return m?.slice(1).some((p) => p !== undefined && Number(p) > 65535) === true;
      });
      if (bad) report(n, MESSAGE);
    }
  },
);
