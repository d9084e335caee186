import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsNoFlags, cmdHasArgs, type ShellCommand } from '../../shell/command.js';
import { packagesVersioned } from './rpm-versions.js';

const MESSAGE = 'Specify version with `dnf install -y <package>-<version>`.';

const DNF = ['dnf', 'microdnf'];

const install = (c: ShellCommand): string[] =>
  cmdHasArgs(c, DNF, ['install'])
    ? argsNoFlags(c).filter((a) => a !== 'install' && a !== 'module')
    : [];

/**
 * DL3041: a package of `dnf install` (or `microdnf`) without `-<version>` (a version may come
 * from an ARG or an ENV of the stage), or a module without `:stream`. Group installs are left
 * alone.
 */
export const dl3041 = defineRule(
  {
    id: 'DL3041',
    source: 'hadolint',
    severity: 'warning',
    description: 'Specify version with `dnf install -y <package>-<version>`',
    url: hadolintUrl('DL3041'),
    onbuild: true,
    examples: {
      reported: { dockerfile: 'FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n' },
      notReported: {
        dockerfile: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
      },
    },
  },
  (ctx, report) => {
    const unpinned = packagesVersioned(ctx, (commands) => ({
      packages: commands.filter((c) => !cmdHasArgs(c, DNF, ['module', 'group'])).flatMap(install),
      modules: commands.filter((c) => cmdHasArgs(c, DNF, ['module'])).flatMap(install),
    }));
    for (const node of unpinned) report(node, MESSAGE);
  },
);
