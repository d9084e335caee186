import { defineRule, hadolintUrl } from '../../define-rule.js';
import { repeatedInStage } from '../../internal/repeated-in-stage.js';

/**
 * DL4003: Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect
 *
 * @example
 * ```dockerfile
 * CMD ["a"]
 * CMD ["b"]
 * ```
 */
export const dl4003 = defineRule(
  {
    id: 'DL4003',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect',
    url: hadolintUrl('DL4003'),
  },
  (ctx, report) => {
    const message =
      'Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect';
    for (const n of repeatedInStage(ctx, 'CMD')) report(n, message);
  },
);
