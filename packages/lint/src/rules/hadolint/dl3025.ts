import { defineRule, hadolintUrl } from '../../define-rule.js';

const MESSAGE = 'Use arguments JSON notation for CMD and ENTRYPOINT arguments';

/**
 * DL3025: CMD, ENTRYPOINT or HEALTHCHECK CMD in shell form: the process runs under `/bin/sh -c`
 * and does not get the signals `docker stop` sends.
 */
export const dl3025 = defineRule(
  {
    id: 'DL3025',
    source: 'hadolint',
    severity: 'warning',
    description: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments',
    url: hadolintUrl('DL3025'),
    sameProblemAs: { JSONArgsRecommended: 'here' },
    keywords: ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'],
    examples: {
      reported: { dockerfile: 'FROM node:22-slim\nCMD node server.js\n' },
      notReported: { dockerfile: 'FROM node:22-slim\nCMD ["node", "server.js"]\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructions) {
      const shellForm =
        ((n.keyword === 'CMD' || n.keyword === 'ENTRYPOINT') && !n.json) ||
        (n.keyword === 'HEALTHCHECK' && n.args[0]?.toUpperCase() === 'CMD' && !n.json);
      if (shellForm) report(n, MESSAGE);
    }
  },
);
