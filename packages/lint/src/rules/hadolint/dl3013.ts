import { defineRule, hadolintUrl } from '../../define-rule.js';
import {
  afterInstall,
  argsNoFlags,
  hasFlag,
  isPipInstall,
  mayRunPip,
  type ShellCommand,
} from '../../shell/command.js';

const MESSAGE =
  'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`';

/** pip options that take a value, so the value is no package. */
const VALUE_FLAGS = [
  'abi',
  'b',
  'build',
  'e',
  'editable',
  'extra-index-url',
  'f',
  'find-links',
  'i',
  'index-url',
  'implementation',
  'no-binary',
  'only-binary',
  'platform',
  'prefix',
  'progress-bar',
  'proxy',
  'python',
  'python-version',
  'root',
  'root-user-action',
  'src',
  't',
  'target',
  'trusted-host',
  'upgrade-strategy',
];

/** pip's version-control schemes (`vcs[+protocol]`), matched as prefixes as hadolint does. */
const VCS = [
  'git+file',
  'git+https',
  'git+ssh',
  'git+http',
  'git+git',
  'git',
  'hg+file',
  'hg+http',
  'hg+https',
  'hg+ssh',
  'hg+static-http',
  'svn',
  'svn+svn',
  'svn+http',
  'svn+https',
  'svn+ssh',
  'bzr+http',
  'bzr+https',
  'bzr+ssh',
  'bzr+sftp',
  'bzr+ftp',
  'bzr+lp',
];

const VERSION_SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];

/**
 * DL3013: a package of `pip install` (also `pipx`, `pip3`, `python -m pip`) without a version.
 * Installs from a requirements file (`-r`), of the current directory (`.`), or with
 * constraints (`-c`) are left alone; a version specifier, a VCS URL with `@ref`, a wheel or
 * sdist file, or a path count as pinned.
 */
export const dl3013 = defineRule(
  {
    id: 'DL3013',
    source: 'hadolint',
    severity: 'warning',
    description: 'Pin versions in pip.',
    url: hadolintUrl('DL3013'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n' },
      notReported: {
        dockerfile: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n',
      },
    },
  },
  (ctx, report) => {
    if (!mayRunPip(ctx.commandNames())) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(forgotToPin)) report(run.node, MESSAGE);
    }
  },
);

function forgotToPin(cmd: ShellCommand): boolean {
  if (!isPipInstall(cmd) || hasFlag(cmd, 'constraint') || hasFlag(cmd, 'c')) return false;
  if (cmd.args.includes('--requirement') || cmd.args.includes('-r') || cmd.args.includes('.')) {
    return false;
  }
  return !afterInstall(argsNoFlags(cmd, VALUE_FLAGS)).every(pinned);
}

function pinned(pkg: string): boolean {
  const vcs = VCS.some((s) => pkg.startsWith(s));
  return (
    VERSION_SYMBOLS.some((s) => pkg.includes(s)) ||
    (vcs && pkg.includes('@')) ||
    pkg.endsWith('.whl') ||
    pkg.endsWith('.tar.gz') ||
    (!vcs && pkg.includes('/'))
  );
}
