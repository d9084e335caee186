import { defineRule, hadolintUrl } from '../../define-rule.js';
import { baseImage, dropQuotes, isWindowsAbsolute } from './shared.js';

const MESSAGE = '`COPY` to a relative destination without `WORKDIR` set.';

/**
 * DL3045: COPY to a relative destination before the stage (or the stage it builds on) set a
 * WORKDIR: the files land wherever the base image's working directory is.
 */
export const dl3045 = defineRule(
  {
    id: 'DL3045',
    source: 'hadolint',
    severity: 'warning',
    description: '`COPY` to a relative destination without `WORKDIR` set.',
    url: hadolintUrl('DL3045'),
    keywords: ['COPY'],
    examples: {
      reported: { dockerfile: 'FROM python:3.12-slim\nCOPY app.py app/\n' },
      notReported: { dockerfile: 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY app.py app/\n' },
    },
  },
  (ctx, report) => {
    // Per stage (its alias, or its image's name; null before any FROM): WORKDIR set yet.
    const workdir = new Map<string | null, boolean>();
    let current: string | null = null;
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') {
        const from = baseImage(ctx, n);
        current = from.alias ?? from.name;
        workdir.set(current, workdir.get(from.name) ?? false);
      } else if (n.keyword === 'WORKDIR') {
        workdir.set(current, true);
      } else if (n.keyword === 'COPY') {
        if (workdir.get(current)) continue;
        const dest = dropQuotes(n.args[n.args.length - 1] ?? '');
        if (dest.startsWith('/') || isWindowsAbsolute(dest) || dest.startsWith('$')) continue;
        report(n, MESSAGE);
      }
    }
  },
);
