import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, hasAnyFlag, type ShellCommand } from '../../shell/command.js';

const MESSAGE = 'Non-interactive switch missing from `zypper` command: `zypper install -y`';

/** The zypper commands that ask for confirmation. */
const ASKING = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];
const NON_INTERACTIVE = ['non-interactive', 'n', 'no-confirm', 'y'];

/** DL3034: a zypper command that would ask for confirmation. */
export const dl3034 = defineRule(
  {
    id: 'DL3034',
    source: 'hadolint',
    severity: 'warning',
    description: 'Non-interactive switch missing from `zypper` command: `zypper install -y`',
    url: hadolintUrl('DL3034'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: {
        dockerfile: 'FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.58 && zypper clean\n',
      },
      notReported: {
        dockerfile: 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('zypper')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(asks)) report(run.node, MESSAGE);
    }
  },
);

function asks(c: ShellCommand): boolean {
  return cmdHasArgs(c, 'zypper', ASKING) && !hasAnyFlag(c, NON_INTERACTIVE);
}
