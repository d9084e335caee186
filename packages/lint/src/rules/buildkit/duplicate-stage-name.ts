import { goQuote } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';

/**
 * DuplicateStageName: stage names must be unique (compared lower-cased).
 *
 * @example
 * ```dockerfile
 * FROM alpine AS build
 * FROM alpine AS build   # Duplicate stage name "build", stage names should be unique
 * ```
 */
export const duplicateStageName = defineRule(
  {
    id: 'DuplicateStageName',
    source: 'buildkit',
    severity: 'warning',
    description: 'Stage names should be unique',
    url: buildkitUrl('DuplicateStageName'),
    checkConfig: 'file',
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS Build\n' },
      notReported: { dockerfile: 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS test\n' },
    },
  },
  (ctx, report) => {
    const seen = new Set<string>();
    for (const stage of ctx.stages) {
      const name = stage.info.stage;
      if (name === null) continue;
      if (seen.has(name)) {
        report(stage.from, `Duplicate stage name ${goQuote(name)}, stage names should be unique`);
      }
      seen.add(name);
    }
  },
);
