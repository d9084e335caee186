import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL4000: MAINTAINER is deprecated
 *
 * @example
 * ```dockerfile
 * MAINTAINER me@example.com
 * ```
 */
export const dl4000 = defineRule(
  {
    id: 'DL4000',
    source: 'hadolint',
    severity: 'error',
    description: 'MAINTAINER is deprecated',
    url: hadolintUrl('DL4000'),
  },
  (ctx, report) => {
    const message = 'MAINTAINER is deprecated';
    for (const n of ctx.instructions) if (n.keyword === 'MAINTAINER') report(n, message);
  },
);
