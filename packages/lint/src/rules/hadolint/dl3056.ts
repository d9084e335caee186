import { defineRule, hadolintUrl } from '../../define-rule.js';
import { isSemVer } from './label-formats.js';
import { checkLabelValues } from './labels.js';

/** DL3056: a LABEL setting a label of `labelSchema` (format `semver`) to a value not in that format. */
export const dl3056 = defineRule(
  {
    id: 'DL3056',
    source: 'hadolint',
    severity: 'warning',
    description: 'Label `<label>` does not conform to semantic versioning.',
    url: hadolintUrl('DL3056'),
    keywords: ['LABEL'],
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.version=v1.2\n',
        options: { labelSchema: { 'org.opencontainers.image.version': 'semver' } },
      },
      notReported: {
        dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.version=1.2.0\n',
        options: { labelSchema: { 'org.opencontainers.image.version': 'semver' } },
      },
    },
  },
  (ctx, report) => {
    checkLabelValues(
      ctx,
      'semver',
      isSemVer,
      (label) => `Label \`${label}\` does not conform to semantic versioning.`,
      report,
    );
  },
);
