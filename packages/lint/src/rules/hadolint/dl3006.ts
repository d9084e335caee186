import { defineRule, hadolintUrl } from '../../define-rule.js';
import { baseImage } from './shared.js';

const MESSAGE = 'Always tag the version of an image explicitly';

/**
 * DL3006: a FROM without a tag pulls whatever `latest` is today. `scratch`, a digest, a
 * variable and an earlier stage need none.
 */
export const dl3006 = defineRule(
  {
    id: 'DL3006',
    source: 'hadolint',
    severity: 'warning',
    description: 'Always tag the version of an image explicitly.',
    url: hadolintUrl('DL3006'),
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM debian\n' },
      notReported: { dockerfile: 'FROM debian:12\n' },
    },
  },
  (ctx, report) => {
    const aliases = new Set<string>();
    for (const n of ctx.instructionsOf('FROM')) {
      const from = baseImage(ctx, n);
      const ok =
        from.name === 'scratch' ||
        from.digest !== null ||
        from.tag !== null ||
        from.name.startsWith('$') ||
        aliases.has(from.name);
      if (from.alias !== null) aliases.add(from.alias);
      if (!ok) report(n, MESSAGE);
    }
  },
);
