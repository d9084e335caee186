import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL3025: Use arguments JSON notation for CMD and ENTRYPOINT arguments
 *
 * @example
 * ```dockerfile
 * CMD node server.js
 * ```
 */
export const dl3025 = defineRule(
  {
    id: 'DL3025',
    source: 'hadolint',
    severity: 'warning',
    description: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments',
    url: hadolintUrl('DL3025'),
  },
  (ctx, report) => {
    const message = 'Use arguments JSON notation for CMD and ENTRYPOINT arguments';
    for (const n of ctx.instructions) {
      if ((n.keyword === 'CMD' || n.keyword === 'ENTRYPOINT') && !n.json && n.args.length > 0)
        report(n, message);
    }
  },
);
