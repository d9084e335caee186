import { defineRule, hadolintUrl } from '../../define-rule.js';
import { baseImage } from './shared.js';

const MESSAGE = 'stage name should not be a reserved word';

/** DL3063: a stage named `scratch` or `context`. */
export const dl3063 = defineRule(
  {
    id: 'DL3063',
    source: 'hadolint',
    severity: 'warning',
    description: 'Stage name should not be a reserved word',
    url: hadolintUrl('DL3063'),
    sameProblemAs: { ReservedStageName: 'here' },
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM debian:12 AS scratch\n' },
      notReported: { dockerfile: 'FROM debian:12 AS base\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('FROM')) {
      const alias = baseImage(ctx, n).alias;
      if (alias === 'scratch' || alias === 'context') report(n, MESSAGE);
    }
  },
);
