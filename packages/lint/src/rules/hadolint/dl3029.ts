import { defineRule, hadolintUrl } from '../../define-rule.js';
import { firstFlag } from '../../internal/flags.js';

const MESSAGE = 'Do not use --platform flag with FROM';

/**
 * DL3029: `FROM --platform=<fixed platform>` pins the stage to one platform; `$BUILDPLATFORM`
 * and `$TARGETPLATFORM` are fine.
 */
export const dl3029 = defineRule(
  {
    id: 'DL3029',
    source: 'hadolint',
    severity: 'warning',
    description: 'Do not use --platform flag with FROM.',
    url: hadolintUrl('DL3029'),
    sameProblemAs: { FromPlatformFlagConstDisallowed: 'here' },
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM --platform=linux/amd64 debian:12\n' },
      notReported: { dockerfile: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('FROM')) {
      const platform = firstFlag(n, 'platform')?.value;
      if (platform === undefined || platform === null) continue;
      if (!platform.includes('BUILDPLATFORM') && !platform.includes('TARGETPLATFORM')) {
        report(n, MESSAGE);
      }
    }
  },
);
