import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsNoFlags, cmdHasArgs, type ShellCommand } from '../../shell/command.js';

const MESSAGE = 'Specify version with `zypper install -y <package>=<version>`.';

const INSTALL = ['install', 'in'];

/** DL3037: a package of `zypper install` without a version (or an `.rpm` file). */
export const dl3037 = defineRule(
  {
    id: 'DL3037',
    source: 'hadolint',
    severity: 'warning',
    description: 'Specify version with `zypper install -y <package>[=]<version>`.',
    url: hadolintUrl('DL3037'),
    onbuild: true,
    keywords: ['RUN'],
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
    if (!ctx.commandNames().has('zypper')) return;
    for (const run of ctx.runs()) {
      if (!run.commands.every(packagesPinned)) report(run.node, MESSAGE);
    }
  },
);

/** Every package of a `zypper install` is pinned (other commands install none). */
function packagesPinned(c: ShellCommand): boolean {
  if (!cmdHasArgs(c, 'zypper', INSTALL)) return true;
  for (const word of argsNoFlags(c)) {
    if (word !== 'install' && word !== 'in' && !pinned(word)) return false;
  }
  return true;
}

function pinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('>') || pkg.includes('<') || pkg.endsWith('.rpm');
}
