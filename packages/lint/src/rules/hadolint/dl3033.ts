import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsNoFlags, cmdHasArgs, type ShellCommand } from '../../shell/command.js';
import { packagesVersioned } from './rpm-versions.js';

const MESSAGE = 'Specify version with `yum install -y <package>-<version>`.';

const install = (c: ShellCommand): string[] =>
  cmdHasArgs(c, 'yum', ['install'])
    ? argsNoFlags(c).filter((a) => a !== 'install' && a !== 'module')
    : [];

/**
 * DL3033: a package of `yum install` without `-<version>` (a version may come from an ARG or
 * an ENV of the stage: `httpd-${HTTPD_VERSION}`), or a module without `:stream`.
 */
export const dl3033 = defineRule(
  {
    id: 'DL3033',
    source: 'hadolint',
    severity: 'warning',
    description: 'Specify version with `yum install -y <package>-<version>`',
    url: hadolintUrl('DL3033'),
    onbuild: true,
    examples: {
      reported: { dockerfile: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n' },
      notReported: {
        dockerfile: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
      },
    },
  },
  (ctx, report) => {
    const unpinned = packagesVersioned(ctx, (commands) => ({
      packages: commands.filter((c) => !cmdHasArgs(c, 'yum', ['module'])).flatMap(install),
      modules: commands.filter((c) => cmdHasArgs(c, 'yum', ['module'])).flatMap(install),
    }));
    for (const node of unpinned) report(node, MESSAGE);
  },
);
