import { defineRule, hadolintUrl } from '../../define-rule.js';
import { firstFlag } from '../../internal/flags.js';
import { baseImage } from './shared.js';

const MESSAGE = '`COPY --from` cannot reference its own `FROM` alias';

/** DL3023: `COPY --from=<the stage being built>`. */
export const dl3023 = defineRule(
  {
    id: 'DL3023',
    source: 'hadolint',
    severity: 'error',
    description: '`COPY --from` cannot reference its own `FROM` alias',
    url: hadolintUrl('DL3023'),
    sameProblemAs: { InvalidStageReference: 'here' },
    keywords: ['COPY'],
    examples: {
      reported: { dockerfile: 'FROM node:22 AS build\nCOPY --from=build /a /b\n' },
      notReported: {
        dockerfile: 'FROM node:22 AS build\nRUN make\nFROM node:22-slim\nCOPY --from=build /a /b\n',
      },
    },
  },
  (ctx, report) => {
    let alias: string | null = null;
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') alias = baseImage(ctx, n).alias;
      if (n.keyword !== 'COPY' || alias === null) continue;
      const from = firstFlag(n, 'from')?.value;
      if (from === alias) report(n, MESSAGE);
    }
  },
);
