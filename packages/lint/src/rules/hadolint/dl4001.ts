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
    let used = new Set<string>();
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') used = new Set();
      if (n.keyword !== 'RUN') continue;
      const here = ctx
        .run(n)
        .commands.map((c) => c.name)
        .filter((name) => name === 'curl' || name === 'wget');
      for (const name of here) used.add(name);
      if (here.length > 0 && used.size >= 2) report(n, MESSAGE);
    }
  },
);
