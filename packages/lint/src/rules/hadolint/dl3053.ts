import { defineRule, hadolintUrl } from '../../define-rule.js';
import { isRfc3339 } from './label-formats.js';
import { checkLabelValues } from './labels.js';

/** DL3053: a LABEL setting a label of `labelSchema` (format `rfc3339`) to a value not in that format. */
export const dl3053 = defineRule(
  {
    id: 'DL3053',
    source: 'hadolint',
    severity: 'warning',
    description: 'Label `<label>` is not a valid time format - must conform to RFC3339.',
    url: hadolintUrl('DL3053'),
    keywords: ['LABEL'],
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.created=2024-05-01\n',
        options: { labelSchema: { 'org.opencontainers.image.created': 'rfc3339' } },
      },
      notReported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.created=2024-05-01T12:00:00Z\n',
        options: { labelSchema: { 'org.opencontainers.image.created': 'rfc3339' } },
      },
    },
  },
  (ctx, report) => {
    checkLabelValues(
      ctx,
      'rfc3339',
      isRfc3339,
      (label) => `Label \`${label}\` is not a valid time format - must conform to RFC3339.`,
      report,
    );
  },
);
