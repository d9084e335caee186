import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsNoFlags, cmdHasArgs, type ShellCommand } from '../../shell/command.js';

const MESSAGE =
  'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`';

const INSTALL = ['install'];
/** Flags whose value is no package. */
const VALUE_FLAGS = ['t', 'target-release'];

/**
 * DL3008: a package of `apt-get install` without a version. `pkg=version`, a release
 * (`pkg/bookworm`) or a `.deb` file count as pinned; the value of `-t`/`--target-release` is no
 * package.
 */
export const dl3008 = defineRule(
  {
    id: 'DL3008',
    source: 'hadolint',
    severity: 'warning',
    description: 'Pin versions in `apt-get install`.',
    url: hadolintUrl('DL3008'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN apt-get install -y curl\n' },
      notReported: {
        dockerfile: 'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('apt-get')) return;
    for (const run of ctx.runs()) {
      if (!run.commands.every(packagesPinned)) report(run.node, MESSAGE);
    }
  },
);

/** Every package of an `apt-get install` is pinned (other commands install none). */
function packagesPinned(c: ShellCommand): boolean {
  if (!cmdHasArgs(c, 'apt-get', INSTALL)) return true;
  for (const word of argsNoFlags(c, VALUE_FLAGS)) {
    if (word !== 'install' && !pinned(word)) return false;
  }
  return true;
}

function pinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb');
}
