import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, type ShellCommand } from '../../shell/command.js';

const MESSAGE = 'Use SHELL to change the default shell';

const BIN_SH = ['/bin/sh'];

/** DL4005: linking /bin/sh to another shell instead of using SHELL. */
export const dl4005 = defineRule(
  {
    id: 'DL4005',
    source: 'hadolint',
    severity: 'warning',
    description: 'Use `SHELL` to change the default shell.',
    url: hadolintUrl('DL4005'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n' },
      notReported: { dockerfile: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\n' },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('ln')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(linksBinSh)) report(run.node, MESSAGE);
    }
  },
);

function linksBinSh(c: ShellCommand): boolean {
  return cmdHasArgs(c, 'ln', BIN_SH);
}
