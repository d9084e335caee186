import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, countFlag, hasAnyFlag, type ShellCommand } from '../../shell/command.js';

const MESSAGE = 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`';

const INSTALL = ['install'];
const YES = ['y', 'yes', 'qq', 'assume-yes'];

/**
 * DL3014: `apt-get install` that would ask for confirmation: no `-y`/`--yes`/`--assume-yes`,
 * nor `-qq`, `-q -q`, `--quiet --quiet` or `-q=2` (quiet level 2 implies yes).
 */
export const dl3014 = defineRule(
  {
    id: 'DL3014',
    source: 'hadolint',
    severity: 'warning',
    description: 'Use the `-y` switch.',
    url: hadolintUrl('DL3014'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN apt-get install curl=7.88.1-10+deb12u8\n' },
      notReported: {
        dockerfile: 'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('apt-get')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(forgotYes)) report(run.node, MESSAGE);
    }
  },
);

function forgotYes(cmd: ShellCommand): boolean {
  if (!cmdHasArgs(cmd, 'apt-get', INSTALL)) return false;
  const yes =
    hasAnyFlag(cmd, YES) ||
    countFlag(cmd, 'q') === 2 ||
    countFlag(cmd, 'quiet') === 2 ||
    cmd.args.includes('-q=2');
  return !yes;
}
