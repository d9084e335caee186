import { buildkitUrl, defineRule } from '../../define-rule.js';
import { portParts } from '../../internal/port-parts.js';
import { unquote } from '../../internal/process-word.js';

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
    description: 'IP address and host-port mapping should not be used in EXPOSE instruction',
    url: buildkitUrl('ExposeInvalidFormat'),
  },
  (ctx, report) => {
    for (const n of ctx.instructions) {
      if (n.keyword !== 'EXPOSE') continue;
      for (const word of n.args) {
        const raw = unquote(word, ctx.escape);
        if (raw.includes('$')) continue;
        const { ip, hostPort } = portParts(raw);
        if (ip !== '' || hostPort !== '') {
          report(
            n,
            `EXPOSE instruction should not define an IP address or host-port mapping, found '${raw}'`,
          );
        }
      }
    }
  },
);
