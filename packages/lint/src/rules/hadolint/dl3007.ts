import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL3007: Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag
 *
 * @example
 * ```dockerfile
 * FROM debian:latest
 * ```
 */
export const dl3007 = defineRule(
  {
    id: 'DL3007',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag',
    url: hadolintUrl('DL3007'),
  },
  (ctx, report) => {
    const message =
      'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag';
    for (const stage of ctx.stages) {
      if (stage.info.tag === 'latest' && stage.info.digest === null) report(stage.from, message);
    }
  },
);
