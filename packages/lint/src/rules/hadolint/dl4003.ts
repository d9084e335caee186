import { defineRule, hadolintUrl } from '../../define-rule.js';

const MESSAGE =
  'Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect';

/** DL4003: a second CMD in a stage. */
export const dl4003 = defineRule(
  {
    id: 'DL4003',
    source: 'hadolint',
    severity: 'warning',
    description: 'Multiple `CMD` instructions found.',
    url: hadolintUrl('DL4003'),
    sameProblemAs: { MultipleInstructionsDisallowed: 'previous' },
    keywords: ['CMD'],
    examples: {
      reported: { dockerfile: 'FROM node:22-slim\nCMD ["node", "a.js"]\nCMD ["node", "b.js"]\n' },
      notReported: { dockerfile: 'FROM node:22-slim\nCMD ["node", "b.js"]\n' },
    },
  },
  (ctx, report) => {
    let seen = false;
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') seen = false;
      if (n.keyword !== 'CMD') continue;
      if (seen) report(n, MESSAGE);
      seen = true;
    }
  },
);
