import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, type ShellCommand } from '../../shell/command.js';
import { installedWords, packagesVersioned, type RpmInstalls } from './rpm-versions.js';

const MESSAGE = 'Specify version with `yum install -y <package>-<version>`.';

const INSTALL = ['install'];
const MODULE = ['module'];

/** The packages of a RUN's `yum install`s and the modules of its `yum module install`s. */
function installs(commands: readonly ShellCommand[]): RpmInstalls {
  const packages: string[] = [];
  const modules: string[] = [];
  for (const c of commands) {
    if (!cmdHasArgs(c, 'yum', INSTALL)) continue;
    (cmdHasArgs(c, 'yum', MODULE) ? modules : packages).push(...installedWords(c));
  }
  return { packages, modules };
}

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
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n' },
      notReported: {
        dockerfile: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('yum')) return;
    for (const node of packagesVersioned(ctx, installs)) report(node, MESSAGE);
  },
);
