import { viewCopy } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL3020: Use COPY instead of ADD for files and folders
 *
 * @example
 * ```dockerfile
 * ADD app.py /app/
 * ```
 */
export const dl3020 = defineRule(
  {
    id: 'DL3020',
    source: 'hadolint',
    severity: 'error',
    description: 'Use COPY instead of ADD for files and folders',
    url: hadolintUrl('DL3020'),
  },
  (ctx, report) => {
    const message = 'Use COPY instead of ADD for files and folders';
    for (const n of ctx.instructions) {
      if (n.keyword !== 'ADD') continue;
      const sources = viewCopy(n)
        .sources.filter((s) => !s.isHeredoc)
        .map((s) => s.path);
      const remote = (s: string): boolean =>
        /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('git@');
      const archive = (s: string): boolean =>
        /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz|gz|bz2|xz|zst|zip)$/i.test(s);
      if (sources.length > 0 && sources.every((s) => !remote(s) && !archive(s))) report(n, message);
    }
  },
);
