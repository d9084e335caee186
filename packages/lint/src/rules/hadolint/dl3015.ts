import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, hasFlag, type ShellCommand } from '../../shell/command.js';

const MESSAGE = 'Avoid additional packages by specifying `--no-install-recommends`';

const INSTALL = ['install'];

/** DL3015: `apt-get install` that also installs recommended packages. */
export const dl3015 = defineRule(
  {
    id: 'DL3015',
    source: 'hadolint',
    severity: 'info',
    description: 'Avoid additional packages by specifying `--no-install-recommends`.',
    url: hadolintUrl('DL3015'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN apt-get install -y curl\n' },
      notReported: {
        dockerfile: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('apt-get')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(installsRecommends)) report(run.node, MESSAGE);
    }
  },
);

function installsRecommends(c: ShellCommand): boolean {
  return (
    cmdHasArgs(c, 'apt-get', INSTALL) &&
    !hasFlag(c, 'no-install-recommends') &&
    !c.args.includes('APT::Install-Recommends=false')
  );
}
