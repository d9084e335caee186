import { defineRule, hadolintUrl } from '../../define-rule.js';

const MESSAGE = 'Multiple `HEALTHCHECK` instructions';

/** DL3012: a second HEALTHCHECK in a stage (only the last one counts). */
export const dl3012 = defineRule(
  {
    id: 'DL3012',
    source: 'hadolint',
    severity: 'error',
    description: 'Multiple `HEALTHCHECK` instructions.',
    url: hadolintUrl('DL3012'),
    sameProblemAs: { MultipleInstructionsDisallowed: 'previous' },
    keywords: ['HEALTHCHECK'],
    examples: {
      reported: {
        dockerfile:
          'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/health"]\n',
      },
      notReported: {
        dockerfile: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
      },
    },
  },
  (ctx, report) => {
    let seen = false;
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') seen = false;
      if (n.keyword !== 'HEALTHCHECK') continue;
      if (seen) report(n, MESSAGE);
      seen = true;
    }
  },
);
