import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsNoFlags, cmdHasArgs, dropFlagArg } from '../../shell/command.js';

const MESSAGE =
  'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`';

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
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN apt-get install -y curl\n' },
      notReported: {
        dockerfile: 'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8\n',
      },
    },
  },
  (ctx, report) => {
    for (const run of ctx.runs()) {
      const packages = run.commands
        .filter((c) => cmdHasArgs(c, 'apt-get', ['install']))
        .flatMap((c) => argsNoFlags(dropFlagArg(c, ['t', 'target-release'])))
        .filter((a) => a !== 'install');
      if (!packages.every(pinned)) report(run.node, MESSAGE);
    }
  },
);

function pinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb');
}
