import { defineRule, hadolintUrl } from '../../define-rule.js';
import { isPipInstall, pinned, pipPackages } from '../../internal/pip.js';
import { runScripts } from '../../internal/run-scripts.js';
import { hasFlag } from '../../internal/shell-commands.js';

/**
 * DL3013: Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`
 *
 * @example
 * ```dockerfile
 * RUN pip install flask
 * ```
 */
export const dl3013 = defineRule(
  {
    id: 'DL3013',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`.',
    url: hadolintUrl('DL3013'),
  },
  (ctx, report) => {
    const message =
      'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`.';
    for (const run of runScripts(ctx)) {
      for (const c of run.script.commands) {
        if (!isPipInstall(c)) continue;
        if (hasFlag(c, 'constraint', 'c')) continue;
        if (c.args.includes('--requirement') || c.args.includes('-r') || c.args.includes('.'))
          continue;
        const packages = pipPackages(c);
        if (!packages.every(pinned)) {
          report(run.node, message);
          break;
        }
      }
    }
  },
);
