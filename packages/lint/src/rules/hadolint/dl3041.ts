import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, runsAnyOf, type ShellCommand } from '../../shell/command.js';
import { installedWords, packagesVersioned, type RpmInstalls } from './rpm-versions.js';

const MESSAGE = 'Specify version with `dnf install -y <package>-<version>`.';

const DNF = ['dnf', 'microdnf'];
const INSTALL = ['install'];
const MODULE = ['module'];
const GROUP = ['group'];

/**
 * The packages of a RUN's `dnf install`s and the modules of its `dnf module install`s; group
 * installs name neither.
 */
function installs(commands: readonly ShellCommand[]): RpmInstalls {
  const packages: string[] = [];
  const modules: string[] = [];
  for (const c of commands) {
    if (!cmdHasArgs(c, DNF, INSTALL)) continue;
    if (cmdHasArgs(c, DNF, MODULE)) modules.push(...installedWords(c));
    else if (!cmdHasArgs(c, DNF, GROUP)) packages.push(...installedWords(c));
  }
  return { packages, modules };
}

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
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n' },
      notReported: {
        dockerfile: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
      },
    },
  },
  (ctx, report) => {
    if (!runsAnyOf(ctx.commandNames(), DNF)) return;
    for (const node of packagesVersioned(ctx, installs)) report(node, MESSAGE);
  },
);
