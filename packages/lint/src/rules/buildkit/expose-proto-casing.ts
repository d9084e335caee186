import { buildkitUrl, defineRule } from '../../define-rule.js';
import { portParts } from '../../internal/port-parts.js';
import { unquote } from '../../internal/process-word.js';

/**
 * ExposeProtoCasing: the protocol in EXPOSE should be lowercase.
 *
 * @example
 * ```dockerfile
 * EXPOSE 53/UDP   # Defined protocol '53/UDP' in EXPOSE instruction should be lowercase
 * ```
 */
export const exposeProtoCasing = defineRule(
  {
    id: 'ExposeProtoCasing',
    source: 'buildkit',
    severity: 'warning',
    description: 'Protocol in EXPOSE instruction should be lowercase',
    url: buildkitUrl('ExposeProtoCasing'),
  },
  (ctx, report) => {
    for (const n of ctx.instructions) {
      if (n.keyword !== 'EXPOSE') continue;
      for (const word of n.args) {
        const raw = unquote(word, ctx.escape);
        if (raw.includes('$')) continue;
        const { proto } = portParts(raw);
        if (proto !== proto.toLowerCase()) {
          report(n, `Defined protocol '${raw}' in EXPOSE instruction should be lowercase`);
        }
      }
    }
  },
);
