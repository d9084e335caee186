import { goQuote, unquote, viewCopy } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';
import { dockerignoreMatcher } from '../../internal/dockerignore.js';

/**
 * CopyIgnoredFile: a COPY/ADD source that `.dockerignore` excludes never reaches the build.
 * Needs the `.dockerignore` text (`lint(text, { dockerignore })`; the CLI reads the file next
 * to the Dockerfile).
 *
 * @example
 * ```dockerfile
 * # .dockerignore: *.md
 * COPY README.md /app/   # Attempting to Copy file "README.md" that is excluded by .dockerignore
 * ```
 */
export const copyIgnoredFile = defineRule(
  {
    id: 'CopyIgnoredFile',
    source: 'buildkit',
    severity: 'warning',
    description: 'Attempting to Copy file that is excluded by .dockerignore',
    url: buildkitUrl('CopyIgnoredFile'),
  },
  (ctx, report) => {
    const text = ctx.options.dockerignore;
    if (text === undefined) return;
    const ignored = dockerignoreMatcher(text);
    for (const n of ctx.instructions) {
      if (n.keyword !== 'COPY' && n.keyword !== 'ADD') continue;
      const copy = viewCopy(n);
      if (copy.from !== null) continue;
      for (const { path: raw, isHeredoc } of copy.sources) {
        if (isHeredoc) continue;
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || raw.startsWith('git@')) continue;
        const src = n.json ? raw : unquote(raw, ctx.escape);
        if (ignored(src)) {
          const cmd = n.keyword === 'ADD' ? 'Add' : 'Copy';
          report(n, `Attempting to ${cmd} file ${goQuote(src)} that is excluded by .dockerignore`);
        }
      }
    }
  },
);
