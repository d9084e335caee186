import { defineRule, hadolintUrl } from '../../define-rule.js';
import type { ShellCommand } from '../../shell/command.js';

const MESSAGE =
  'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root';

/** DL3004: `sudo` in a RUN. */
export const dl3004 = defineRule(
  {
    id: 'DL3004',
    source: 'hadolint',
    severity: 'error',
    description:
      'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root.',
    url: hadolintUrl('DL3004'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN sudo apt-get update\n' },
      notReported: { dockerfile: 'FROM debian:12\nRUN apt-get update\n' },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('sudo')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(isSudo)) report(run.node, MESSAGE);
    }
  },
);

function isSudo(c: ShellCommand): boolean {
  return c.name === 'sudo';
}
