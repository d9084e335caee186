import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScripts } from '../../internal/run-scripts.js';
import { argsNoFlags, isCommand } from '../../internal/shell-commands.js';

/**
 * DL3008: Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`
 *
 * @example
 * ```dockerfile
 * RUN apt-get install -y curl
 * ```
 */
export const dl3008 = defineRule(
  {
    id: 'DL3008',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`',
    url: hadolintUrl('DL3008'),
  },
  (ctx, report) => {
    const message =
      'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`';
    for (const run of runScripts(ctx)) {
      const packages = run.script.commands
        .filter((c) => isCommand(c, 'apt-get', 'install'))
        .flatMap((c) => argsNoFlags(c, ['t', 'target-release']).filter((a) => a !== 'install'));
      const pinned = (p: string): boolean =>
        p.includes('=') || p.includes('/') || p.endsWith('.deb');
      if (!packages.every(pinned)) report(run.node, message);
    }
  },
);
