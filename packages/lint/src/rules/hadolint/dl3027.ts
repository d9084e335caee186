import { defineRule, hadolintUrl } from '../../define-rule.js';
import type { ShellCommand } from '../../shell/command.js';

const MESSAGE =
  'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead';

/** DL3027: `apt` is for people at a terminal; its interface is not stable for scripts. */
export const dl3027 = defineRule(
  {
    id: 'DL3027',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Do not use `apt` as it is meant to be an end-user tool, use `apt-get` or `apt-cache` instead',
    url: hadolintUrl('DL3027'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN apt install -y curl\n' },
      notReported: { dockerfile: 'FROM debian:12\nRUN apt-get install -y curl\n' },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('apt')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(isApt)) report(run.node, MESSAGE);
    }
  },
);

function isApt(c: ShellCommand): boolean {
  return c.name === 'apt';
}
