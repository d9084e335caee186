import { goQuote, RESERVED_STAGE_NAMES } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';

const RESERVED: readonly string[] = RESERVED_STAGE_NAMES;

/**
 * ReservedStageName: `context` and `scratch` are reserved and cannot name a stage.
 *
 * @example
 * ```dockerfile
 * FROM alpine AS scratch   # Stage name should not use the same name as reserved stage "scratch"
 * ```
 */
export const reservedStageName = defineRule(
  {
    id: 'ReservedStageName',
    source: 'buildkit',
    severity: 'warning',
    description: 'Reserved words should not be used as stage names',
    url: buildkitUrl('ReservedStageName'),
    checkConfig: 'file',
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20 AS scratch\n' },
      notReported: { dockerfile: 'FROM alpine:3.20 AS base\n' },
    },
  },
  (ctx, report) => {
    for (const stage of ctx.stages) {
      const name = stage.info.stage;
      if (name !== null && RESERVED.includes(name)) {
        report(
          stage.from,
          `Stage name should not use the same name as reserved stage ${goQuote(name)}`,
        );
      }
    }
  },
);
