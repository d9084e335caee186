import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScripts } from '../../internal/run-scripts.js';
import { commandName } from '../../internal/shell-commands.js';

/**
 * DL3027: Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead
 *
 * @example
 * ```dockerfile
 * RUN apt install -y curl
 * ```
 */
export const dl3027 = defineRule(
  {
    id: 'DL3027',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead',
    url: hadolintUrl('DL3027'),
  },
  (ctx, report) => {
    const message =
      'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead';
    for (const run of runScripts(ctx)) {
      if (run.script.commands.some((c) => commandName(c) === 'apt')) report(run.node, message);
    }
  },
);
