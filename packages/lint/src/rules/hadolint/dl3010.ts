import type { InstructionNode } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { firstFlag } from '../../internal/flags.js';
import { argsNoFlags, runsAnyOf, type ShellCommand } from '../../shell/command.js';
import type { RunScript } from '../../shell/run-script.js';
import { ARCHIVE_EXTENSIONS, dropQuotes } from './shared.js';

const MESSAGE = 'Use `ADD` for extracting archives into an image';

const UNZIP = [
  'unzip',
  'gunzip',
  'bunzip2',
  'unlzma',
  'unxz',
  'zgz',
  'uncompress',
  'zcat',
  'gzcat',
];

/**
 * DL3010: an archive copied in with COPY and extracted by a later RUN of the stage (`tar -x`,
 * `unzip`, `gunzip`…): `ADD` extracts a local archive in one step and one layer.
 */
export const dl3010 = defineRule(
  {
    id: 'DL3010',
    source: 'hadolint',
    severity: 'info',
    description: 'Use ADD for extracting archives into an image.',
    url: hadolintUrl('DL3010'),
    keywords: ['COPY'],
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\nCOPY app.tar.gz /opt/\nRUN tar -xzf /opt/app.tar.gz -C /opt\n',
      },
      notReported: { dockerfile: 'FROM debian:12\nADD app.tar.gz /opt/\n' },
    },
  },
  (ctx, report) => {
    // Most files run neither tar nor an unzip: the COPYs are read only when a RUN extracts.
    const names = ctx.commandNames();
    if (!names.has('tar') && !runsAnyOf(names, UNZIP)) return;
    if (!ctx.runs().some(extractsSomething)) return;
    let archives: { node: InstructionNode; name: string }[] = [];
    const extracted = new Set<InstructionNode>();
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') {
        archives = [];
      } else if (n.keyword === 'COPY' && !firstFlag(n, 'from')) {
        const target = n.args[n.args.length - 1] ?? '';
        const names = isArchive(target)
          ? [basename(target)]
          : n.args.slice(0, -1).map(basename).filter(isArchive);
        for (const name of names) archives.push({ node: n, name });
      } else if (n.keyword === 'RUN' && archives.length > 0) {
        const commands = ctx.run(n).commands.filter(extracts);
        for (const a of archives) {
          if (commands.some((c) => argsNoFlags(c).map(basename).includes(a.name))) {
            extracted.add(a.node);
          }
        }
      }
    }
    for (const node of extracted) report(node, MESSAGE);
  },
);

function extractsSomething(run: RunScript): boolean {
  return run.commands.some(extracts);
}

function extracts(cmd: ShellCommand): boolean {
  return isTarExtract(cmd) || UNZIP.includes(cmd.name);
}

function isTarExtract(cmd: ShellCommand): boolean {
  return (
    cmd.name === 'tar' &&
    cmd.args.some(
      (a) => a === '--extract' || a === '--get' || (a.startsWith('-') && a.includes('x')),
    )
  );
}

/** The file name after the last `/` or `\\`. */
function basename(path: string): string {
  const p = dropQuotes(path);
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

function isArchive(path: string): boolean {
  const p = dropQuotes(path);
  return ARCHIVE_EXTENSIONS.some((e) => p.endsWith(e));
}
