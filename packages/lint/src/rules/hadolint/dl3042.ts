import { envPairs, viewRun } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { isPipInstall } from '../../internal/pip.js';
import { runScriptOf } from '../../internal/run-scripts.js';
import { commandName } from '../../internal/shell-commands.js';

/**
 * DL3042: Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`
 *
 * @example
 * ```dockerfile
 * RUN pip install flask==3.0.0
 * ```
 */
export const dl3042 = defineRule(
  {
    id: 'DL3042',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`.',
    url: hadolintUrl('DL3042'),
  },
  (ctx, report) => {
    const message =
      'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`.';
    const truthy = new Set(['1', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES']);
    for (const stage of ctx.stages) {
      let noCacheEnv = false;
      for (const n of stage.instructions) {
        if (n.keyword === 'ENV') {
          for (const p of envPairs(n, ctx.escape)) {
            if (p.key === 'PIP_NO_CACHE_DIR') noCacheEnv = truthy.has(p.value);
          }
        }
        if (n.keyword !== 'RUN' || noCacheEnv) continue;
        const { text, script } = runScriptOf(ctx, n);
        const inline = /PIP_NO_CACHE_DIR=(\S+)/.exec(text);
        if (inline && truthy.has(inline[1]!.replace(/["\x27]/g, ''))) continue;
        const cached = viewRun(n).mounts.some(
          (m) => m.type === 'cache' && /\/\.cache\/pip|\/pip/.test(m.target ?? ''),
        );
        if (cached) continue;
        const bad = script.commands.some(
          (c) =>
            isPipInstall(c) &&
            !c.args.includes('--no-cache-dir') &&
            !/pipx|pipenv/.test(commandName(c)) &&
            !(
              c.args.includes('-m') &&
              /^(pipx|pipenv)$/.test(c.args[c.args.indexOf('-m') + 1] ?? '')
            ),
        );
        if (bad) report(n, message);
      }
    }
  },
);
