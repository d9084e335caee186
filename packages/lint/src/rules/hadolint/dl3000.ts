import { unquote } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL3000: Use absolute WORKDIR
 *
 * @example
 * ```dockerfile
 * WORKDIR app
 * ```
 */
export const dl3000 = defineRule(
  {
    id: 'DL3000',
    source: 'hadolint',
    severity: 'error',
    description: 'Use absolute WORKDIR',
    url: hadolintUrl('DL3000'),
  },
  (ctx, report) => {
    const message = 'Use absolute WORKDIR';
    for (const n of ctx.instructions) {
      if (n.keyword !== 'WORKDIR') continue;
      const path = unquote(n.args[0] ?? '', ctx.escape);
      if (path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path)) continue;
      report(n, message);
    }
  },
);
