import { viewRun } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScripts } from '../../internal/run-scripts.js';
import { commandName, isCommand } from '../../internal/shell-commands.js';

/**
 * DL3009: Delete the apt-get lists after installing something.
 *
 * @example
 * ```dockerfile
 * RUN apt-get update && apt-get install -y curl
 * ```
 */
export const dl3009 = defineRule(
  {
    id: 'DL3009',
    source: 'hadolint',
    severity: 'info',
    description: 'Delete the apt-get lists after installing something.',
    url: hadolintUrl('DL3009'),
  },
  (ctx, report) => {
    const message = 'Delete the apt-get lists after installing something.';
    for (const run of runScripts(ctx)) {
      const cmds = run.script.commands;
      const updates = cmds.some((c) => isCommand(c, 'apt-get', 'update'));
      if (!updates) continue;
      const cleans = cmds.some(
        (c) => commandName(c) === 'rm' && c.args.some((a) => a.startsWith('/var/lib/apt/lists')),
      );
      if (cleans) continue;
      const cached = viewRun(run.node).mounts.some(
        (m) => m.type === 'cache' && (m.target ?? '').startsWith('/var/lib/apt'),
      );
      if (cached) continue;
      report(run.node, message);
    }
  },
);
