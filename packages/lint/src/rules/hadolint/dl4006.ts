import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScriptOf } from '../../internal/run-scripts.js';

/**
 * DL4006: Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check
 *
 * @example
 * ```dockerfile
 * RUN curl -fsSL https://example.com/install.sh | sh
 * ```
 */
export const dl4006 = defineRule(
  {
    id: 'DL4006',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check',
    url: hadolintUrl('DL4006'),
  },
  (ctx, report) => {
    const message =
      'Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check';
    for (const stage of ctx.stages) {
      let ok = false;
      for (const n of stage.instructions) {
        if (n.keyword === 'SHELL') {
          const first = n.args[0] ?? '';
          const nonPosix =
            /^(pwsh|powershell|cmd)/i.test(first) || /(pwsh|powershell|cmd)(\.exe)?$/i.test(first);
          const pipefail =
            /(^|\/)(bash|zsh|ash)$/.test(first) &&
            n.args.some((a, i) => a === 'pipefail' && n.args[i - 1] === '-o');
          ok = nonPosix || pipefail;
          continue;
        }
        if (n.keyword !== 'RUN' || ok || n.json) continue;
        if (runScriptOf(ctx, n).script.hasPipes) report(n, message);
      }
    }
  },
);
