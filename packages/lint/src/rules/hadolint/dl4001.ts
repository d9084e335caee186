import { defineRule, hadolintUrl } from '../../define-rule.js';

const MESSAGE = 'Either use Wget or Curl but not both';

/** DL4001: a stage that downloads with both curl and wget (two tools where one does). */
export const dl4001 = defineRule(
  {
    id: 'DL4001',
    source: 'hadolint',
    severity: 'warning',
    description: 'Either use Wget or Curl but not both.',
    url: hadolintUrl('DL4001'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: {
        dockerfile:
          'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tgz\nRUN wget -q https://example.com/b.tgz\n',
      },
      notReported: {
        dockerfile:
          'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz\n',
      },
    },
  },
  (ctx, report) => {
    const names = ctx.commandNames();
    if (!names.has('curl') || !names.has('wget')) return;
    // Whether the stage so far ran curl, wget.
    let curl = false;
    let wget = false;
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') curl = wget = false;
      if (n.keyword !== 'RUN') continue;
      let downloads = false;
      for (const c of ctx.run(n).commands) {
        if (c.name === 'curl') curl = downloads = true;
        else if (c.name === 'wget') wget = downloads = true;
      }
      if (downloads && curl && wget) report(n, MESSAGE);
    }
  },
);
