import { buildkitUrl, defineRule } from '../../define-rule.js';

/**
 * NoEmptyContinuation: an empty line inside a continued instruction (a future error).
 *
 * @example
 * ```dockerfile
 * RUN apk add \
 *
 *     curl        # Empty continuation line
 * ```
 */
export const noEmptyContinuation = defineRule(
  {
    id: 'NoEmptyContinuation',
    source: 'buildkit',
    severity: 'warning',
    description: 'Empty continuation lines will become errors in a future release',
    url: buildkitUrl('NoEmptyContinuation'),
  },
  (ctx, report) => {
    for (const d of ctx.tree.diagnostics) {
      if (d.code === 'NoEmptyContinuation') report(d.position, 'Empty continuation line');
    }
  },
);
