import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScripts } from '../../internal/run-scripts.js';
import { commandName } from '../../internal/shell-commands.js';

/**
 * DL3003: Use WORKDIR to switch to a directory
 *
 * @example
 * ```dockerfile
 * RUN cd /app && make
 * ```
 */
export const dl3003 = defineRule(
  {
    id: 'DL3003',
    source: 'hadolint',
    severity: 'warning',
    description: 'Use WORKDIR to switch to a directory',
    url: hadolintUrl('DL3003'),
  },
  (ctx, report) => {
    const message = 'Use WORKDIR to switch to a directory';
    for (const run of runScripts(ctx)) {
      if (run.script.commands.some((c) => commandName(c) === 'cd')) report(run.node, message);
    }
  },
);
