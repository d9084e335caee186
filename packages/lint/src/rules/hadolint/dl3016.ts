import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScripts } from '../../internal/run-scripts.js';
import { argsNoFlags, isCommand } from '../../internal/shell-commands.js';

/**
 * DL3016: Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`
 *
 * @example
 * ```dockerfile
 * RUN npm install express
 * ```
 */
export const dl3016 = defineRule(
  {
    id: 'DL3016',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`',
    url: hadolintUrl('DL3016'),
  },
  (ctx, report) => {
    const message =
      'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`';
    const pinned = (p: string): boolean => {
      if (/^git(\+ssh|\+https?)?:\/\//.test(p)) return p.includes('#');
      if (/\.(tar|tar\.gz|tgz)$/.test(p)) return true;
      if (/^(\/|\.\/|\.\.\/|~\/)/.test(p)) return true;
      const name = p.startsWith('@') ? p.slice(p.indexOf('/') + 1) : p;
      return name.includes('@');
    };
    for (const run of runScripts(ctx)) {
      const bad = run.script.commands.some((c) => {
        if (!isCommand(c, 'npm', 'install')) return false;
        const words = argsNoFlags(c);
        if (words[0] !== 'install') return false;
        return !words.slice(1).every(pinned);
      });
      if (bad) report(run.node, message);
    }
  },
);
