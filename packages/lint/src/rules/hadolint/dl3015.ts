import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScripts } from '../../internal/run-scripts.js';
import { hasFlag, isCommand } from '../../internal/shell-commands.js';

/**
 * DL3015: Avoid additional packages by specifying `--no-install-recommends`
 *
 * @example
 * ```dockerfile
 * RUN apt-get install -y curl
 * ```
 */
export const dl3015 = defineRule(
  {
    id: 'DL3015',
    source: 'hadolint',
    severity: 'info',
    description: 'Avoid additional packages by specifying `--no-install-recommends`',
    url: hadolintUrl('DL3015'),
  },
  (ctx, report) => {
    const message = 'Avoid additional packages by specifying `--no-install-recommends`';
    for (const run of runScripts(ctx)) {
      const bad = run.script.commands.some(
        (c) =>
          isCommand(c, 'apt-get', 'install') &&
          !hasFlag(c, 'no-install-recommends') &&
          !c.args.includes('APT::Install-Recommends=false'),
      );
      if (bad) report(run.node, message);
    }
  },
);
