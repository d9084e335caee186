import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, type ShellCommand } from '../../shell/command.js';

const MESSAGE = 'Do not use `zypper dist-upgrade`.';

const DIST_UPGRADE = ['dist-upgrade', 'dup'];

/** DL3035: `zypper dist-upgrade` in an image build. */
export const dl3035 = defineRule(
  {
    id: 'DL3035',
    source: 'hadolint',
    severity: 'warning',
    description: 'Do not use `zypper dist-upgrade`.',
    url: hadolintUrl('DL3035'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM opensuse/leap:15.6\nRUN zypper dist-upgrade -y\n' },
      notReported: { dockerfile: 'FROM opensuse/leap:15.6\nRUN zypper patch -y && zypper clean\n' },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('zypper')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(distUpgrade)) report(run.node, MESSAGE);
    }
  },
);

function distUpgrade(c: ShellCommand): boolean {
  return cmdHasArgs(c, 'zypper', DIST_UPGRADE);
}
