import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScripts } from '../../internal/run-scripts.js';
import { commandName } from '../../internal/shell-commands.js';

/**
 * DL3004: Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root
 *
 * @example
 * ```dockerfile
 * RUN sudo apt-get update
 * ```
 */
export const dl3004 = defineRule(
  {
    id: 'DL3004',
    source: 'hadolint',
    severity: 'error',
    description:
      'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root',
    url: hadolintUrl('DL3004'),
  },
  (ctx, report) => {
    const message =
      'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root';
    for (const run of runScripts(ctx)) {
      if (run.script.commands.some((c) => commandName(c) === 'sudo')) report(run.node, message);
    }
  },
);
