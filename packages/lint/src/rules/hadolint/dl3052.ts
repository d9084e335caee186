import { defineRule, hadolintUrl } from '../../define-rule.js';
import { isUrl } from './label-formats.js';
import { checkLabelValues } from './labels.js';

/** DL3052: a LABEL setting a label of `labelSchema` (format `url`) to a value not in that format. */
export const dl3052 = defineRule(
  {
    id: 'DL3052',
    source: 'hadolint',
    severity: 'warning',
    description: 'Label `<label>` is not a valid URL.',
    url: hadolintUrl('DL3052'),
    keywords: ['LABEL'],
    examples: {
      reported: {
        dockerfile:
          'FROM debian:12\nLABEL org.opencontainers.image.source=github.com/example/app\n',
        options: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
      },
      notReported: {
        dockerfile:
          'FROM debian:12\nLABEL org.opencontainers.image.source=https://github.com/example/app\n',
        options: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
      },
    },
  },
  (ctx, report) => {
    checkLabelValues(
      ctx,
      'url',
      isUrl,
      (label) => `Label \`${label}\` is not a valid URL.`,
      report,
    );
  },
);
