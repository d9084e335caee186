import { defineRule, hadolintUrl } from '../../define-rule.js';
import { isGitHash } from './label-formats.js';
import { checkLabelValues } from './labels.js';

/** DL3055: a LABEL setting a label of `labelSchema` (format `hash`) to a value not in that format. */
export const dl3055 = defineRule(
  {
    id: 'DL3055',
    source: 'hadolint',
    severity: 'warning',
    description: 'Label `<label>` is not a valid git hash.',
    url: hadolintUrl('DL3055'),
    keywords: ['LABEL'],
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.revision=main\n',
        options: { labelSchema: { 'org.opencontainers.image.revision': 'hash' } },
      },
      notReported: {
        dockerfile:
          'FROM debian:12\nLABEL org.opencontainers.image.revision=43c572f1272b6b3171dd1db9e41b7027128ce080\n',
        options: { labelSchema: { 'org.opencontainers.image.revision': 'hash' } },
      },
    },
  },
  (ctx, report) => {
    checkLabelValues(
      ctx,
      'hash',
      isGitHash,
      (label) => `Label \`${label}\` is not a valid git hash.`,
      report,
    );
  },
);
