import { viewRun } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScripts } from '../../internal/run-scripts.js';
import { hasFlag, isCommand } from '../../internal/shell-commands.js';

/**
 * DL3019: Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages
 *
 * @example
 * ```dockerfile
 * RUN apk add --update curl=8.5.0-r0
 * ```
 */
export const dl3019 = defineRule(
  {
    id: 'DL3019',
    source: 'hadolint',
    severity: 'info',
    description:
      'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages',
    url: hadolintUrl('DL3019'),
  },
  (ctx, report) => {
    const message =
      'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages';
    for (const run of runScripts(ctx)) {
      const bad = run.script.commands.some(
        (c) => isCommand(c, 'apk', 'add') && !hasFlag(c, 'no-cache'),
      );
      if (!bad) continue;
      // A cache mount on the apk cache does the same job (hadolint 2.12+).
      if (
        viewRun(run.node).mounts.some(
          (m) => m.type === 'cache' && (m.target ?? '').startsWith('/var/cache/apk'),
        )
      )
        continue;
      report(run.node, message);
    }
  },
);
