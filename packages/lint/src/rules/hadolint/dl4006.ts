import { defineRule, hadolintUrl } from '../../define-rule.js';
import { hasFlag } from '../../shell/command.js';
import { parseShell } from '../../shell/parse-shell.js';
import type { RunScript } from '../../shell/run-script.js';

const MESSAGE =
  'Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check';

const NON_POSIX = ['pwsh', 'powershell', 'cmd'];

/**
 * DL4006: a RUN with a pipe while the stage's SHELL has no `-o pipefail`: a failing command
 * before the pipe's last one goes unnoticed. A SHELL of PowerShell or cmd counts as set.
 */
export const dl4006 = defineRule(
  {
    id: 'DL4006',
    source: 'hadolint',
    severity: 'warning',
    description: 'Set the `SHELL` option -o pipefail before `RUN` with a pipe in it',
    url: hadolintUrl('DL4006'),
    keywords: ['RUN'],
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\nRUN wget -qO- https://example.com/install.sh | sh\n',
      },
      notReported: {
        dockerfile:
          'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -qO- https://example.com/install.sh | sh\n',
      },
    },
  },
  (ctx, report) => {
    // Most files have no pipe at all.
    if (!ctx.runs().some(hasPipes)) return;
    let pipefail = false;
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') pipefail = false;
      else if (n.keyword === 'SHELL') {
        const text = n.json ? n.args.join(' ') : (n.args[0] ?? '');
        pipefail = NON_POSIX.some((s) => text.startsWith(s)) || setsPipefail(text);
      } else if (n.keyword === 'RUN' && !pipefail && ctx.run(n).script.hasPipes) {
        report(n, MESSAGE);
      }
    }
  },
);

function hasPipes(run: RunScript): boolean {
  return run.script.hasPipes;
}

/** A bash, zsh or ash command with `-o` and a `pipefail` word. */
function setsPipefail(shell: string): boolean {
  return parseShell(shell).commands.some(
    (c) =>
      ['bash', 'zsh', 'ash'].includes(c.name.slice(c.name.lastIndexOf('/') + 1)) &&
      hasFlag(c, 'o') &&
      c.args.includes('pipefail'),
  );
}
