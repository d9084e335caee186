import { goQuote } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';

/**
 * FromPlatformFlagConstDisallowed: `--platform` with a constant value pins the stage to one
 * platform; allowed when the stage name says which (`AS build-arm64`).
 *
 * @example
 * ```dockerfile
 * FROM --platform=linux/amd64 alpine AS build   # FROM --platform flag should not use constant value "linux/amd64"
 * ```
 */
export const fromPlatformFlagConstDisallowed = defineRule(
  {
    id: 'FromPlatformFlagConstDisallowed',
    source: 'buildkit',
    severity: 'warning',
    description: 'FROM --platform flag should not use a constant value',
    url: buildkitUrl('FromPlatformFlagConstDisallowed'),
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM --platform=linux/amd64 alpine:3.20 AS build\n' },
      notReported: { dockerfile: 'FROM --platform=linux/amd64 alpine:3.20 AS build-amd64\n' },
    },
  },
  (ctx, report) => {
    for (const stage of ctx.stages) {
      const p = stage.info.platform;
      if (p === null || p === '' || p.includes('$')) continue;
      const name = stage.info.stage ?? '';
      const [os, arch] = p.toLowerCase().split('/');
      if (name !== '' && ((os && name.includes(os)) || (arch && name.includes(arch)))) continue;
      report(stage.from, `FROM --platform flag should not use constant value ${goQuote(p)}`);
    }
  },
);
