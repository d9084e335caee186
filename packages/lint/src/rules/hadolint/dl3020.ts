import { defineRule, hadolintUrl } from '../../define-rule.js';
import { ARCHIVE_EXTENSIONS, dropQuotes } from './shared.js';

const MESSAGE = 'Use COPY instead of ADD for files and folders';

/** DL3020: ADD of a plain file or folder: ADD is for URLs and archives to extract. */
export const dl3020 = defineRule(
  {
    id: 'DL3020',
    source: 'hadolint',
    severity: 'error',
    description: 'Use `COPY` instead of `ADD` for files and folders.',
    url: hadolintUrl('DL3020'),
    keywords: ['ADD'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nADD app/ /app/\n' },
      notReported: { dockerfile: 'FROM debian:12\nCOPY app/ /app/\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('ADD')) {
      if (n.args.length < 2) continue;
      // Every source (each argument but the destination) an archive or a URL.
      let ok = true;
      for (let i = 0; ok && i < n.args.length - 1; i++) {
        const src = dropQuotes(n.args[i]!);
        ok = isArchive(src) || src.startsWith('https://') || src.startsWith('http://');
      }
      if (!ok) report(n, MESSAGE);
    }
  },
);

function isArchive(path: string): boolean {
  return ARCHIVE_EXTENSIONS.some((e) => path.endsWith(e));
}
