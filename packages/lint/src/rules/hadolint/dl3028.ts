import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, cmdHasPrefixArg, type ShellCommand } from '../../shell/command.js';

const MESSAGE =
  'Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`';

/** DL3028: a gem of `gem install` without `:version` (or a `-v`/`--version` for the command). */
export const dl3028 = defineRule(
  {
    id: 'DL3028',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`',
    url: hadolintUrl('DL3028'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM ruby:3.3-slim\nRUN gem install bundler\n' },
      notReported: { dockerfile: 'FROM ruby:3.3-slim\nRUN gem install bundler:2.5.22\n' },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('gem')) return;
    for (const run of ctx.runs()) {
      if (!run.commands.flatMap(gems).every((g) => g.includes(':'))) report(run.node, MESSAGE);
    }
  },
);

/** The gems a `gem install` names: words up to `--` that are no option or option value. */
function gems(cmd: ShellCommand): string[] {
  if (!cmdHasArgs(cmd, 'gem', ['install', 'i'])) return [];
  if (cmdHasArgs(cmd, 'gem', ['-v', '--version']) || cmdHasPrefixArg(cmd, 'gem', '--version=')) {
    return [];
  }
  const end = cmd.args.indexOf('--');
  const words = end < 0 ? cmd.args : cmd.args.slice(0, end);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      i++; // hadolint reads every option as taking the next word
      continue;
    }
    if (w !== 'install' && w !== 'i') out.push(w);
  }
  return out;
}
