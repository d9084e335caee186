import { defineRule, hadolintUrl } from '../../define-rule.js';
import { baseImage } from './shared.js';

const MESSAGE = 'FROM aliases (stage names) must be unique';

/** DL3024: a stage name used twice. */
export const dl3024 = defineRule(
  {
    id: 'DL3024',
    source: 'hadolint',
    severity: 'error',
    description: '`FROM` aliases (stage names) must be unique',
    url: hadolintUrl('DL3024'),
    sameProblemAs: { DuplicateStageName: 'here' },
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM node:22 AS build\nFROM node:22 AS build\n' },
      notReported: { dockerfile: 'FROM node:22 AS build\nFROM node:22 AS test\n' },
    },
  },
  (ctx, report) => {
    const seen = new Set<string>();
    for (const n of ctx.instructionsOf('FROM')) {
      const alias = baseImage(ctx, n).alias;
      if (alias === null) continue;
      if (seen.has(alias)) report(n, MESSAGE);
      seen.add(alias);
    }
  },
);
