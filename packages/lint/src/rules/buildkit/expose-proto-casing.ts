import { buildkitUrl, defineRule } from '../../define-rule.js';
import { exposedPorts, portWord } from '../../internal/expose-ports.js';

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
    keywords: ['EXPOSE'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nEXPOSE 53/UDP\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nEXPOSE 53/udp 80\n' },
    },
  },
  (ctx, report) => {
    for (const node of ctx.instructionsOf('EXPOSE')) {
      for (const port of exposedPorts(ctx, node)) {
        const proto = port.protocolAsWritten;
        if (proto !== null && proto !== port.protocol) {
          report(
            node,
            `Defined protocol '${portWord(ctx, port)}' in EXPOSE instruction should be lowercase`,
          );
        }
      }
    }
  },
);
