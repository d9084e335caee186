import { defineRule, hadolintUrl } from '../../define-rule.js';
import { afterInstall, argsNoFlags, cmdHasArgs, type ShellCommand } from '../../shell/command.js';

const MESSAGE =
  'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`';

/** npm options whose value is the next word. */
const VALUE_FLAGS = ['loglevel', 'registry'];
const INSTALL = ['install'];

/**
 * DL3016: a package of `npm install` without a version, tag or commit. `npm install` alone (the
 * project's dependencies), folders, tarballs and git URLs with `#ref` are fine.
 */
export const dl3016 = defineRule(
  {
    id: 'DL3016',
    source: 'hadolint',
    severity: 'warning',
    description: 'Pin versions in `npm`.',
    url: hadolintUrl('DL3016'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM node:22-slim\nRUN npm install -g typescript\n' },
      notReported: { dockerfile: 'FROM node:22-slim\nRUN npm install -g typescript@5.6.3\n' },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('npm')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(forgotToPin)) report(run.node, MESSAGE);
    }
  },
);

function forgotToPin(cmd: ShellCommand): boolean {
  if (!cmdHasArgs(cmd, 'npm', INSTALL)) return false;
  const words = argsNoFlags(cmd, VALUE_FLAGS);
  if (words[0] !== 'install') return false;
  return !afterInstall(words).every(pinned);
}

function pinned(pkg: string): boolean {
  if (['git://', 'git+ssh://', 'git+http://', 'git+https://'].some((p) => pkg.startsWith(p))) {
    return pkg.includes('#');
  }
  if (['.tar', '.tar.gz', '.tgz'].some((s) => pkg.endsWith(s))) return true;
  if (['/', './', '../', '~/'].some((p) => pkg.startsWith(p))) return true;
  // A scope (`@types/node`) is not a version: hadolint drops the leading characters above `/`
  // in code order (the scope, up to its slash or a `-` or `.`) before looking for `@`.
  let start = 0;
  if (pkg.startsWith('@')) while (start < pkg.length && pkg.charCodeAt(start) > 0x2f) start++;
  return pkg.slice(start).includes('@');
}
