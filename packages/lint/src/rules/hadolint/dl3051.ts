import { defineRule, hadolintUrl } from '../../define-rule.js';
import { checkLabelValues } from './labels.js';

/** DL3051: a LABEL setting a label of `labelSchema` (any format) to an empty value. */
export const dl3051 = defineRule(
  {
    id: 'DL3051',
    source: 'hadolint',
    severity: 'warning',
    description: 'Label `<label>` is empty.',
    url: hadolintUrl('DL3051'),
    keywords: ['LABEL'],
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.vendor=""\n',
        options: { labelSchema: { 'org.opencontainers.image.vendor': 'text' } },
      },
      notReported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.vendor="web"\n',
        options: { labelSchema: { 'org.opencontainers.image.vendor': 'text' } },
      },
    },
  },
  (ctx, report) => {
    checkLabelValues(
      ctx,
      undefined,
      (value) => value !== '',
      (label) => `label \`${label}\` is empty.`,
      report,
    );
  },
);
