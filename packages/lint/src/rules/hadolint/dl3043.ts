import { defineRule, hadolintUrl } from '../../define-rule.js';

const MESSAGE = '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.';

/** DL3043: ONBUILD ONBUILD, ONBUILD FROM and ONBUILD MAINTAINER are not allowed. */
export const dl3043 = defineRule(
  {
    id: 'DL3043',
    source: 'hadolint',
    severity: 'error',
    description: '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.',
    url: hadolintUrl('DL3043'),
    sameProblemAs: { InvalidOnbuildTrigger: 'here' },
    keywords: ['ONBUILD'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nONBUILD FROM debian:12\n' },
      notReported: { dockerfile: 'FROM debian:12\nONBUILD COPY . /app/\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('ONBUILD')) {
      const trigger = n.trigger?.keyword;
      if (trigger === 'ONBUILD' || trigger === 'FROM' || trigger === 'MAINTAINER') {
        report(n, MESSAGE);
      }
    }
  },
);
