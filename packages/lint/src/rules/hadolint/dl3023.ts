import { viewCopy } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL3023: COPY --from cannot reference its own FROM alias
 *
 * @example
 * ```dockerfile
 * FROM node:22 AS build
 * COPY --from=build /a /b
 * ```
 */
export const dl3023 = defineRule(
  {
    id: 'DL3023',
    source: 'hadolint',
    severity: 'error',
    description: 'COPY --from cannot reference its own FROM alias',
    url: hadolintUrl('DL3023'),
  },
  (ctx, report) => {
    const message = 'COPY --from cannot reference its own FROM alias';
    for (const stage of ctx.stages) {
      if (!stage.info.stage) continue;
      for (const n of stage.instructions) {
        if (n.keyword === 'COPY' && viewCopy(n).from?.toLowerCase() === stage.info.stage)
          report(n, message);
      }
    }
  },
);
