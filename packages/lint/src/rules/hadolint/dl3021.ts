import { defineRule, hadolintUrl } from '../../define-rule.js';
import { dropQuotes } from './shared.js';

const MESSAGE = 'COPY with more than 2 arguments requires the last argument to end with /';

/** DL3021: COPY of several sources into a destination that is not a folder (`…/`). */
export const dl3021 = defineRule(
  {
    id: 'DL3021',
    source: 'hadolint',
    severity: 'error',
    description: '`COPY` with more than 2 arguments requires the last argument to end with `/`',
    url: hadolintUrl('DL3021'),
    keywords: ['COPY'],
    examples: {
      reported: { dockerfile: 'FROM node:22-slim\nCOPY package.json package-lock.json /app\n' },
      notReported: { dockerfile: 'FROM node:22-slim\nCOPY package.json package-lock.json /app/\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('COPY')) {
      if (n.args.length <= 2) continue;
      const target = n.args[n.args.length - 1]!;
      if (target === '' || !dropQuotes(target).endsWith('/')) report(n, MESSAGE);
    }
  },
);
