import { defineRule, hadolintUrl } from '../../define-rule.js';
import { firstFlag } from '../../internal/flags.js';

const MESSAGE =
  'Setting `FROM --platform` to predefined `$TARGETPLATFORM` in is redundant as this is the default behavior';

/** DL3065: `FROM --platform=$TARGETPLATFORM` says what BuildKit does anyway. */
export const dl3065 = defineRule(
  {
    id: 'DL3065',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Setting FROM --platform to predefined $TARGETPLATFORM in is redundant as this is the default behavior',
    url: hadolintUrl('DL3065'),
    sameProblemAs: { RedundantTargetPlatform: 'here' },
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM --platform=$TARGETPLATFORM debian:12\n' },
      notReported: { dockerfile: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('FROM')) {
      const platform = firstFlag(n, 'platform')?.value;
      if (platform === '$TARGETPLATFORM' || platform === '${TARGETPLATFORM}') report(n, MESSAGE);
    }
  },
);
