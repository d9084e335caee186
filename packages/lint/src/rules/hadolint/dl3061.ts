import { defineRule, hadolintUrl } from '../../define-rule.js';

const MESSAGE = 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.';

/** DL3061: an instruction other than ARG before the first FROM. */
export const dl3061 = defineRule(
  {
    id: 'DL3061',
    source: 'hadolint',
    severity: 'error',
    description: 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.',
    url: hadolintUrl('DL3061'),
    sameProblemAs: { NoBuildStage: 'here' },
    examples: {
      reported: { dockerfile: 'LABEL maintainer=me@example.com\nFROM debian:12\n' },
      notReported: { dockerfile: 'ARG DEBIAN=12\nFROM debian:${DEBIAN}\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') return;
      if (n.keyword !== 'ARG') report(n, MESSAGE);
    }
  },
);
