import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScripts } from '../../internal/run-scripts.js';
import { hasFlag, isCommand } from '../../internal/shell-commands.js';

/**
 * DL3014: Use the `-y` switch to avoid manual input `apt-get -y install <package>`
 *
 * @example
 * ```dockerfile
 * RUN apt-get install curl
 * ```
 */
export const dl3014 = defineRule(
  {
    id: 'DL3014',
    source: 'hadolint',
    severity: 'warning',
    description: 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`',
    url: hadolintUrl('DL3014'),
  },
  (ctx, report) => {
    const message = 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`';
    for (const run of runScripts(ctx)) {
      const bad = run.script.commands.some(
        (c) => isCommand(c, 'apt-get', 'install') && !hasFlag(c, 'y', 'yes', 'q', 'assume-yes'),
      );
      if (bad) report(run.node, message);
    }
  },
);
