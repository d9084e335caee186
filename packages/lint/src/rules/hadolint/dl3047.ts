import { defineRule, hadolintUrl } from '../../define-rule.js';
import { hasAnyFlag, hasFlag, type ShellCommand } from '../../shell/command.js';

const MESSAGE =
  'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).';

/** Flags that quiet wget's progress, or send it to a file. */
const QUIET = ['q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose'];

/** DL3047: `wget` printing a progress line per chunk into the build log. */
export const dl3047 = defineRule(
  {
    id: 'DL3047',
    source: 'hadolint',
    severity: 'info',
    description:
      '`wget` without flag `--progress` will result in excessively bloated build logs when downloading larger files.',
    url: hadolintUrl('DL3047'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN wget https://example.com/big.tar.gz\n' },
      notReported: {
        dockerfile: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/big.tar.gz\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('wget')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(showsProgress)) report(run.node, MESSAGE);
    }
  },
);

function showsProgress(c: ShellCommand): boolean {
  return (
    c.name === 'wget' && !hasFlag(c, 'progress') && !hasAnyFlag(c, QUIET) && !c.args.includes('-nv')
  );
}
