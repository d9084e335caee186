import { defineRule, hadolintUrl } from '../../define-rule.js';
import { isSpdx } from './label-formats.js';
import { checkLabelValues } from './labels.js';

/** DL3054: a LABEL setting a label of `labelSchema` (format `spdx`) to a value not in that format. */
export const dl3054 = defineRule(
  {
    id: 'DL3054',
    source: 'hadolint',
    severity: 'warning',
    description: 'Label `<label>` is not a valid SPDX license identifier.',
    url: hadolintUrl('DL3054'),
    keywords: ['LABEL'],
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.licenses=Apache2\n',
        options: { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' } },
      },
      notReported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.licenses=Apache-2.0\n',
        options: { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' } },
      },
    },
  },
  (ctx, report) => {
    checkLabelValues(
      ctx,
      'spdx',
      isSpdx,
      (label) => `Label \`${label}\` is not a valid SPDX identifier.`,
      report,
    );
  },
);
