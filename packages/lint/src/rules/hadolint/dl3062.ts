import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsNoFlags, cmdHasArgs, type ShellCommand } from '../../shell/command.js';

const MESSAGE =
  'Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`';

/**
 * DL3062: a package of `go install`, `go get` or `go run` without `@version` (`@latest` and
 * `@none` are no pin); local paths are fine. When a RUN has `go run`, only its package is
 * checked, as hadolint does.
 */
export const dl3062 = defineRule(
  {
    id: 'DL3062',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Pin versions in go install. Instead of `go install <package>` use `go install <package>@<version>`',
    url: hadolintUrl('DL3062'),
    onbuild: true,
    examples: {
      reported: {
        dockerfile: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n',
      },
      notReported: {
        dockerfile: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('go')) return;
    for (const run of ctx.runs()) {
      if (!packages(run.commands).every(pinned)) report(run.node, MESSAGE);
    }
  },
);

function packages(commands: readonly ShellCommand[]): string[] {
  // Everything after the package of `go run` is an argument of the program.
  const run = commands
    .filter((c) => cmdHasArgs(c, 'go', ['run']))
    .flatMap((c) => argsNoFlags(c).filter((a, i) => a !== 'run' && i <= 1));
  if (run.length > 0) return run;
  return commands
    .filter((c) => cmdHasArgs(c, 'go', ['install', 'get']))
    .flatMap((c) => argsNoFlags(c).filter((a) => !['install', 'get', 'tool'].includes(a)));
}

function pinned(pkg: string): boolean {
  if (pkg === '.' || pkg.startsWith('/') || pkg.startsWith('.')) return true;
  return pkg.includes('@') && !pkg.endsWith('@latest') && !pkg.endsWith('@none');
}
