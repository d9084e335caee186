import { buildkitUrl, defineRule } from '../../define-rule.js';
import { exposedPorts, portWord } from '../../internal/expose-ports.js';

/**
 * ExposeInvalidFormat: EXPOSE takes container ports only; an IP or host-port mapping
 * (`127.0.0.1:80:80`, `8080:80`) is a `docker run -p` setting and will become an error.
 *
 * @example
 * ```dockerfile
 * EXPOSE 8080:80   # EXPOSE instruction should not define an IP address or host-port mapping, found '8080:80'
 * ```
 */
export const exposeInvalidFormat = defineRule(
  {
    id: 'ExposeInvalidFormat',
    source: 'buildkit',
    severity: 'warning',
    description:
      'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
    url: buildkitUrl('ExposeInvalidFormat'),
    keywords: ['EXPOSE'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nEXPOSE 8080:80\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nEXPOSE 80/tcp 8000-8010\n' },
    },
  },
  (ctx, report) => {
    for (const node of ctx.instructionsOf('EXPOSE')) {
      for (const port of exposedPorts(ctx, node)) {
        if (port.hostIp !== null || port.hostPort !== null) {
          report(
            node,
            `EXPOSE instruction should not define an IP address or host-port mapping, found '${portWord(ctx, port)}'`,
          );
        }
      }
    }
  },
);
