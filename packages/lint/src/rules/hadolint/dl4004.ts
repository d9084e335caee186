import { defineRule, hadolintUrl } from '../../define-rule.js';
import { repeatedInStage } from '../../internal/repeated-in-stage.js';

/**
 * DL4004: Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect
 *
 * @example
 * ```dockerfile
 * ENTRYPOINT ["a"]
 * ENTRYPOINT ["b"]
 * ```
 */
export const dl4004 = defineRule(
  {
    id: 'DL4004',
    source: 'hadolint',
    severity: 'error',
    description:
      'Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect',
    url: hadolintUrl('DL4004'),
  },
  (ctx, report) => {
    const message =
      'Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect';
    for (const n of repeatedInStage(ctx, 'ENTRYPOINT')) report(n, message);
  },
);
