import { defineRule, hadolintUrl } from '../../define-rule.js';
import { firstFlag } from '../../internal/flags.js';
import { baseImage, dropQuotes } from './shared.js';

const MESSAGE = '`COPY --from` should reference a previously defined `FROM` alias';

/**
 * DL3022: `COPY --from=<name>` naming no earlier stage: an image reference (with `:`) and a
 * stage number below the count of stages so far are fine.
 */
export const dl3022 = defineRule(
  {
    id: 'DL3022',
    source: 'hadolint',
    severity: 'warning',
    description: '`COPY --from` should reference a previously defined `FROM` alias',
    url: hadolintUrl('DL3022'),
    sameProblemAs: { InvalidStageReference: 'here' },
    keywords: ['COPY'],
    examples: {
      reported: { dockerfile: 'FROM node:22-slim\nCOPY --from=build /app/dist /srv\n' },
      notReported: {
        dockerfile:
          'FROM node:22 AS build\nRUN npm run build\nFROM node:22-slim\nCOPY --from=build /app/dist /srv\n',
      },
    },
  },
  (ctx, report) => {
    const aliases = new Set<string>();
    let count = 0;
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') {
        const alias = baseImage(ctx, n).alias;
        if (alias !== null) aliases.add(alias);
        count++;
        continue;
      }
      if (n.keyword !== 'COPY') continue;
      const from = firstFlag(n, 'from')?.value;
      if (from === undefined || from === null) continue;
      if (dropQuotes(from).includes(':') || aliases.has(from)) continue;
      const index = /^[0-9]+/.exec(from);
      if (index && Number(index[0]) < count) continue;
      report(n, MESSAGE);
    }
  },
);
