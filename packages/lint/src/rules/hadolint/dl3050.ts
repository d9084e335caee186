import { defineRule, hadolintUrl } from '../../define-rule.js';
import { labelPairs } from './labels.js';

const MESSAGE = 'Superfluous label(s) present.';

/** DL3050: with `strictLabels`, a LABEL setting a label `labelSchema` does not name. */
export const dl3050 = defineRule(
  {
    id: 'DL3050',
    source: 'hadolint',
    severity: 'info',
    description: 'Superfluous label(s) present.',
    url: hadolintUrl('DL3050'),
    keywords: ['LABEL'],
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\nLABEL team=web\n',
        options: { labelSchema: { 'org.opencontainers.image.source': 'url' }, strictLabels: true },
      },
      notReported: {
        dockerfile:
          'FROM debian:12\nLABEL org.opencontainers.image.source=https://github.com/example/app\n',
        options: { labelSchema: { 'org.opencontainers.image.source': 'url' }, strictLabels: true },
      },
    },
  },
  (ctx, report) => {
    if (!ctx.options.strictLabels) return;
    const schema = ctx.options.labelSchema ?? {};
    for (const n of ctx.instructionsOf('LABEL')) {
      if (labelPairs(ctx, n).some((p) => !Object.hasOwn(schema, p.key))) report(n, MESSAGE);
    }
  },
);
