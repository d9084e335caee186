import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs } from '../../shell/command.js';

const MESSAGE = 'Do not use `zypper dist-upgrade`.';

/** DL3035: `zypper dist-upgrade` in an image build. */
export const dl3035 = defineRule(
  {
    id: 'DL3035',
    source: 'hadolint',
    severity: 'warning',
    description: 'Do not use `zypper dist-upgrade`.',
    url: hadolintUrl('DL3035'),
    onbuild: true,
    examples: {
      reported: { dockerfile: 'FROM opensuse/leap:15.6\nRUN zypper dist-upgrade -y\n' },
      notReported: { dockerfile: 'FROM opensuse/leap:15.6\nRUN zypper patch -y && zypper clean\n' },
    },
  },
  (ctx, report) => {
    for (const run of ctx.runs()) {
      if (run.commands.some((c) => cmdHasArgs(c, 'zypper', ['dist-upgrade', 'dup']))) {
        report(run.node, MESSAGE);
      }
    }
  },
);
