import { argsNoFlags, commandName, type ShellCommand } from './shell-commands.js';

/** `pip install`, `pip3 install`, `python -m pip install` (hadolint `isPipInstall`). */
export function isPipInstall(c: ShellCommand): boolean {
  const name = commandName(c);
  if (/^pip[0-9.]*$/.test(name)) return c.args.includes('install');
  if (/^python[0-9.]*$/.test(name)) {
    const m = c.args.indexOf('-m');
    return m >= 0 && /^pip[0-9.]*$/.test(c.args[m + 1] ?? '') && c.args.includes('install');
  }
  return false;
}

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
  'python-version',
  'root',
  'src',
  't',
  'target',
  'trusted-host',
  'upgrade-strategy',
  'm',
];

/** The package arguments after `install`. */
export function pipPackages(c: ShellCommand): string[] {
  const words = argsNoFlags(c, VALUE_FLAGS);
  const i = words.indexOf('install');
  return i < 0 ? [] : words.slice(i + 1).filter((w) => w !== 'install');
}

const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?(:|$)/;

/** hadolint's version test for one pip package argument. */
export function pinned(p: string): boolean {
  if (['==', '>=', '<=', '>', '<', '!=', '~=', '==='].some((s) => p.includes(s))) return true;
  if (VCS.test(p)) return p.includes('@');
  if (p.endsWith('.whl') || p.endsWith('.tar.gz')) return true;
  return p.includes('/');
}
