import { viewCopy } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL3045: `COPY` to a relative destination without `WORKDIR` set.
 *
 * @example
 * ```dockerfile
 * FROM alpine:3.20
 * COPY app.py app/
 * ```
 */
export const dl3045 = defineRule(
  {
    id: 'DL3045',
    source: 'hadolint',
    severity: 'warning',
    description: '`COPY` to a relative destination without `WORKDIR` set.',
    url: hadolintUrl('DL3045'),
  },
  (ctx, report) => {
    const message = '`COPY` to a relative destination without `WORKDIR` set.';
    const workdirSet = new Map<string, boolean>();
    for (const stage of ctx.stages) {
      const key = stage.info.stage ?? stage.info.image;
      let set = workdirSet.get(stage.info.image.toLowerCase()) ?? false;
      for (const n of stage.instructions) {
        if (n.keyword === 'WORKDIR') set = true;
        if (n.keyword !== 'COPY' || set) continue;
        const dest = viewCopy(n).destination;
        if (dest === null) continue;
        const d = dest.replace(/^["\x27]+|["\x27]+$/g, '');
        if (d.startsWith('/') || d.startsWith('$') || /^.:[\\/]/.test(d)) continue;
        report(n, message);
      }
      workdirSet.set(key.toLowerCase(), set);
    }
  },
);
