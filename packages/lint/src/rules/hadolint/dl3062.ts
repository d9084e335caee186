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
    keywords: ['RUN'],
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

const RUN = ['run'];
const INSTALL = ['install', 'get'];
const SUBCOMMANDS = ['install', 'get', 'tool'];

function packages(commands: readonly ShellCommand[]): string[] {
  const run: string[] = [];
  for (const c of commands) {
    if (!cmdHasArgs(c, 'go', RUN)) continue;
    // Everything after the package of `go run` is an argument of the program.
    const words = argsNoFlags(c);
    for (let i = 0; i < words.length && i <= 1; i++) if (words[i] !== 'run') run.push(words[i]!);
  }
  if (run.length > 0) return run;
  const installed: string[] = [];
  for (const c of commands) {
    if (!cmdHasArgs(c, 'go', INSTALL)) continue;
    for (const word of argsNoFlags(c)) if (!SUBCOMMANDS.includes(word)) installed.push(word);
  }
  return installed;
}

function pinned(pkg: string): boolean {
  if (pkg === '.' || pkg.startsWith('/') || pkg.startsWith('.')) return true;
  return pkg.includes('@') && !pkg.endsWith('@latest') && !pkg.endsWith('@none');
}
