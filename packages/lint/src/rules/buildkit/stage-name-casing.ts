import { buildkitUrl, defineRule } from '../../define-rule.js';
import { renameStageFix } from '../../fixes/rename-stage.js';

/**
 * StageNameCasing: stage names should be lowercase.
 *
 * @example
 * ```dockerfile
 * FROM alpine AS Builder   # Stage name 'Builder' should be lowercase
 * ```
 */
export const stageNameCasing = defineRule(
  {
    id: 'StageNameCasing',
    source: 'buildkit',
    severity: 'warning',
    description: 'Stage names should be lowercase',
    url: buildkitUrl('StageNameCasing'),
    fixable: true,
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20 AS Build\n' },
      notReported: { dockerfile: 'FROM alpine:3.20 AS build\n' },
    },
  },
  (ctx, report) => {
    for (const stage of ctx.stages) {
      const name = stage.info.stageAsWritten;
      if (name === null || name === name.toLowerCase()) continue;
      report(stage.from, `Stage name '${name}' should be lowercase`, () =>
        renameStageFix(ctx, stage, name.toLowerCase()),
      );
    }
  },
);
