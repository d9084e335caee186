import { defineRule, hadolintUrl } from '../../define-rule.js';

const MESSAGE =
  'Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect';

/** DL4004: a second ENTRYPOINT in a stage. */
export const dl4004 = defineRule(
  {
    id: 'DL4004',
    source: 'hadolint',
    severity: 'error',
    description: 'Multiple `ENTRYPOINT` instructions found.',
    url: hadolintUrl('DL4004'),
    sameProblemAs: { MultipleInstructionsDisallowed: 'previous' },
    keywords: ['ENTRYPOINT'],
    examples: {
      reported: {
        dockerfile: 'FROM node:22-slim\nENTRYPOINT ["node"]\nENTRYPOINT ["tini", "--"]\n',
      },
      notReported: { dockerfile: 'FROM node:22-slim\nENTRYPOINT ["tini", "--"]\n' },
    },
  },
  (ctx, report) => {
    let seen = false;
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') seen = false;
      if (n.keyword !== 'ENTRYPOINT') continue;
      if (seen) report(n, MESSAGE);
      seen = true;
    }
  },
);
