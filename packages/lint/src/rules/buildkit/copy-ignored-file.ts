import { goQuote, unquote, viewCopy } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';
import { cleanPath, readDockerignore } from '../../internal/dockerignore.js';

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
    keywords: ['ADD', 'COPY'],
    examples: {
      reported: {
        dockerfile: 'FROM alpine:3.20\nCOPY README.md /app/\n',
        options: { dockerignore: '*.md\n' },
      },
      notReported: {
        dockerfile: 'FROM alpine:3.20\nCOPY app.py /app/\n',
        options: { dockerignore: '*.md\n' },
      },
    },
  },
  (ctx, report) => {
    const text = ctx.options.dockerignore;
    if (text === undefined) return;
    const ignore = readDockerignore(text);
    // BuildKit checks nothing when a pattern re-includes files: a directory may be excluded
    // while a file in it is brought back.
    if (ignore.hasExclusions) return;
    // The context root is excluded only by patterns that exclude every entry of it.
    const rootIgnored = ignore.patterns.some((p) => p === '*' || p === '**' || p === '**/*');
    for (const n of ctx.instructions) {
      if (n.keyword !== 'COPY' && n.keyword !== 'ADD') continue;
      const copy = viewCopy(n);
      if (copy.from !== null) continue;
      for (const { path: raw, isHeredoc } of copy.sources) {
        if (isHeredoc) continue;
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || raw.startsWith('git@')) continue;
        const src = n.json ? raw : unquote(raw, ctx.escape);
        const clean = cleanPath(src);
        const root = clean === '';
        // BuildKit matches `filepath.Clean(src)`: an absolute source matches no pattern.
        if (root ? !rootIgnored : src.startsWith('/') || !ignore.matches(src)) continue;
        const cmd = n.keyword === 'ADD' ? 'Add' : 'Copy';
        const shown = root ? (src.startsWith('/') ? '/' : '.') : clean;
        report(n, `Attempting to ${cmd} file ${goQuote(shown)} that is excluded by .dockerignore`);
      }
    }
  },
);
