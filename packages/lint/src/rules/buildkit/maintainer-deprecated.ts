import { buildkitUrl, defineRule } from '../../define-rule.js';

/**
 * MaintainerDeprecated: use `LABEL org.opencontainers.image.authors=…` instead.
 *
 * @example
 * ```dockerfile
 * MAINTAINER me@example.com   # Maintainer instruction is deprecated in favor of using label
 * ```
 */
export const maintainerDeprecated = defineRule(
  {
    id: 'MaintainerDeprecated',
    source: 'buildkit',
    severity: 'warning',
    description:
      'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
    url: buildkitUrl('MaintainerDeprecated'),
    keywords: ['MAINTAINER'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nMAINTAINER me@example.com\n' },
      notReported: {
        dockerfile: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me@example.com"\n',
      },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('MAINTAINER')) {
      report(n, 'Maintainer instruction is deprecated in favor of using label');
    }
  },
);
