import { defineRule, hadolintUrl } from '../../define-rule.js';

const MESSAGE = 'MAINTAINER is deprecated';

/** DL4000: MAINTAINER is deprecated; a label says who maintains the image. */
export const dl4000 = defineRule(
  {
    id: 'DL4000',
    source: 'hadolint',
    severity: 'error',
    description: 'MAINTAINER is deprecated.',
    url: hadolintUrl('DL4000'),
    sameProblemAs: { MaintainerDeprecated: 'here' },
    keywords: ['MAINTAINER'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nMAINTAINER me@example.com\n' },
      notReported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.authors="me@example.com"\n',
      },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('MAINTAINER')) report(n, MESSAGE);
  },
);
