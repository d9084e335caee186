import { parseArgs } from 'node:util';
import { dump } from '@dockwright/ast';
import { CliError } from '@dockwright/cli-kit';
import type { Io } from '../io.js';
import { parseInput } from '../parse-input.js';
import { readInput } from '../read-input.js';
import { writeJson } from '../write-json.js';

export const PARSE_HELP = `Usage: dockwright parse [--json] file|-

Prints the syntax tree: BuildKit's Node.Dump() lines, or the full tree as JSON with --json
(diagnostics included; written as it is made, so a tree of any size comes out). The tree is
printed even when the file has errors; each error also goes to stderr as
file:line:column: message.

Exit codes: 0 no errors, 1 the Dockerfile has errors, 2 usage or read error.
`;

export function parseCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(PARSE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError('parse takes exactly one file (or - for stdin)');
  const { tree, errors } = parseInput(readInput(positionals[0]!, io.cwd));
  if (values.json) {
    writeJson(tree, (chunk) => {
      io.out(chunk);
      return !io.outClosed();
    });
    if (!io.outClosed()) io.out('\n');
  } else {
    const text = dump(tree);
    io.out(text === '' || text.endsWith('\n') ? text : `${text}\n`);
  }
  io.err(errors.map((e) => `${e}\n`).join(''));
  return errors.length > 0 ? 1 : 0;
}
