import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScripts } from '../../internal/run-scripts.js';
import { argsNoFlags, isCommand } from '../../internal/shell-commands.js';

/**
 * DL3018: Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`
 *
 * @example
 * ```dockerfile
 * RUN apk add curl
 * ```
 */
export const dl3018 = defineRule(
  {
    id: 'DL3018',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`',
    url: hadolintUrl('DL3018'),
  },
  (ctx, report) => {
    const message =
      'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`';
    for (const run of runScripts(ctx)) {
      const packages = run.script.commands
        .filter((c) => isCommand(c, 'apk', 'add'))
        .flatMap((c) =>
          argsNoFlags(c, ['t', 'virtual', 'repository', 'X']).filter((a) => a !== 'add'),
        );
      const ok = (p: string): boolean => p.includes('=') || p.includes('~') || p.endsWith('.apk');
      if (!packages.every(ok)) report(run.node, message);
    }
  },
);
