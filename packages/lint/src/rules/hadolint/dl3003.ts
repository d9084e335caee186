import { defineRule, hadolintUrl } from '../../define-rule.js';
import type { ShellCommand } from '../../shell/command.js';

const MESSAGE = 'Use WORKDIR to switch to a directory';

/** DL3003: `cd` in a RUN lasts for that RUN only; WORKDIR changes the directory for good. */
export const dl3003 = defineRule(
  {
    id: 'DL3003',
    source: 'hadolint',
    severity: 'warning',
    description: 'Use WORKDIR to switch to a directory.',
    url: hadolintUrl('DL3003'),
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN cd /app && make\n' },
      notReported: { dockerfile: 'FROM debian:12\nWORKDIR /app\nRUN make\n' },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('cd')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(isCd)) report(run.node, MESSAGE);
    }
  },
);

function isCd(c: ShellCommand): boolean {
  return c.name === 'cd';
}
