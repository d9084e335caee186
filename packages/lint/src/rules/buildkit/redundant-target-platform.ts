import { buildkitUrl, defineRule } from '../../define-rule.js';

/**
 * RedundantTargetPlatform: `--platform=$TARGETPLATFORM` is what FROM does anyway.
 *
 * @example
 * ```dockerfile
 * FROM --platform=$TARGETPLATFORM alpine   # Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior
 * ```
 */
export const redundantTargetPlatform = defineRule(
  {
    id: 'RedundantTargetPlatform',
    source: 'buildkit',
    severity: 'warning',
    description:
      'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
    url: buildkitUrl('RedundantTargetPlatform'),
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM --platform=$TARGETPLATFORM alpine:3.20\n' },
      notReported: { dockerfile: 'FROM --platform=$BUILDPLATFORM alpine:3.20\n' },
    },
  },
  (ctx, report) => {
    for (const stage of ctx.stages) {
      const p = stage.info.platform;
      if (p !== null && /^\$(?:TARGETPLATFORM|\{TARGETPLATFORM\})$/.test(p)) {
        report(
          stage.from,
          `Setting platform to predefined ${p} in FROM is redundant as this is the default behavior`,
        );
      }
    }
  },
);
