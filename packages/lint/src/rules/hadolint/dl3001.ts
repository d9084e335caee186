import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runsAnyOf, type ShellCommand } from '../../shell/command.js';

const MESSAGE =
  'For some bash commands it makes no sense running them in a Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`';

/** Commands that do nothing useful while an image builds. */
const INVALID = ['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim'];

/** DL3001: a RUN that runs an interactive or system-management command. */
export const dl3001 = defineRule(
  {
    id: 'DL3001',
    source: 'hadolint',
    severity: 'info',
    description:
      'For some bash commands it makes no sense running them in a Docker container like ssh, vim, shutdown, service, ps, free, top, kill, mount, ifconfig.',
    url: hadolintUrl('DL3001'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN service nginx start\n' },
      notReported: { dockerfile: 'FROM debian:12\nRUN apt-get install -y openssh-client\n' },
    },
  },
  (ctx, report) => {
    if (!runsAnyOf(ctx.commandNames(), INVALID)) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(invalid)) report(run.node, MESSAGE);
    }
  },
);

function invalid(c: ShellCommand): boolean {
  return INVALID.includes(c.name);
}
