import { defineRule, hadolintUrl } from '../../define-rule.js';
import { isEmail } from './label-formats.js';
import { checkLabelValues } from './labels.js';

/** DL3058: a LABEL setting a label of `labelSchema` (format `email`) to a value not in that format. */
export const dl3058 = defineRule(
  {
    id: 'DL3058',
    source: 'hadolint',
    severity: 'warning',
    description: 'Label `<label>` is not a valid email format - must conform to RFC5322.',
    url: hadolintUrl('DL3058'),
    keywords: ['LABEL'],
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.authors="ops at example.com"\n',
        options: { labelSchema: { 'org.opencontainers.image.authors': 'email' } },
      },
      notReported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.authors=ops@example.com\n',
        options: { labelSchema: { 'org.opencontainers.image.authors': 'email' } },
      },
    },
  },
  (ctx, report) => {
    checkLabelValues(
      ctx,
      'email',
      isEmail,
      (label) => `Label \`${label}\` is not a valid email format - must conform to RFC5322.`,
      report,
    );
  },
);
