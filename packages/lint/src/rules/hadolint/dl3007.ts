import { defineRule, hadolintUrl } from '../../define-rule.js';
import { baseImage } from './shared.js';

const MESSAGE =
  'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag';

/** DL3007: `FROM image:latest` (without a digest) changes under the build. */
export const dl3007 = defineRule(
  {
    id: 'DL3007',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag.',
    url: hadolintUrl('DL3007'),
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM debian:latest\n' },
      notReported: { dockerfile: 'FROM debian:12\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('FROM')) {
      const from = baseImage(ctx, n);
      if (from.tag === 'latest' && from.digest === null) report(n, MESSAGE);
    }
  },
);
