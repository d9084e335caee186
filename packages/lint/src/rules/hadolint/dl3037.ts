import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsNoFlags, cmdHasArgs } from '../../shell/command.js';

const MESSAGE = 'Specify version with `zypper install -y <package>=<version>`.';

/** DL3037: a package of `zypper install` without a version (or an `.rpm` file). */
export const dl3037 = defineRule(
  {
    id: 'DL3037',
    source: 'hadolint',
    severity: 'warning',
    description: 'Specify version with `zypper install -y <package>[=]<version>`.',
    url: hadolintUrl('DL3037'),
    onbuild: true,
    examples: {
      reported: {
        dockerfile: 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd && zypper clean\n',
      },
      notReported: {
        dockerfile: 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean\n',
      },
    },
  },
  (ctx, report) => {
    for (const run of ctx.runs()) {
      const packages = run.commands
        .filter((c) => cmdHasArgs(c, 'zypper', ['install', 'in']))
        .flatMap(argsNoFlags)
        .filter((a) => a !== 'install' && a !== 'in');
      const pinned = (p: string): boolean =>
        ['=', '>', '<'].some((s) => p.includes(s)) || p.endsWith('.rpm');
      if (!packages.every(pinned)) report(run.node, MESSAGE);
    }
  },
);
