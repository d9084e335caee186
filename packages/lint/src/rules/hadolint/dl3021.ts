import { unquote } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL3021: COPY with more than 2 arguments requires the last argument to end with /
 *
 * @example
 * ```dockerfile
 * COPY a.txt b.txt /app
 * ```
 */
export const dl3021 = defineRule(
  {
    id: 'DL3021',
    source: 'hadolint',
    severity: 'error',
    description: 'COPY with more than 2 arguments requires the last argument to end with /',
    url: hadolintUrl('DL3021'),
  },
  (ctx, report) => {
    const message = 'COPY with more than 2 arguments requires the last argument to end with /';
    for (const n of ctx.instructions) {
      if (n.keyword !== 'COPY' || n.args.length <= 2) continue;
      const dest = unquote(n.args[n.args.length - 1]!, ctx.escape);
      if (!dest.endsWith('/')) report(n, message);
    }
  },
);
