import { parseArgs } from 'node:util';
import { dump, parse } from '@dockwright/ast';
import { CliError } from '../cli-error.js';
import { readInput } from '../inputs.js';
import type { Io } from './lint-command.js';

export const PARSE_HELP = `Usage: dockwright parse [--json] file|-

Prints the syntax tree: BuildKit's Node.Dump() lines, or the full tree as JSON with --json.
`;

export function parseCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      debug: { type: 'boolean' },
    },
  });
  if (values.help) {
    io.out(PARSE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError('parse takes exactly one file (or - for stdin)');
  const input = readInput(positionals[0]!, io.cwd);
  const tree = parse(input.text, { file: input.file });
  const error = tree.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    throw new CliError(
      `${input.file}:${error.position.start.line}:${error.position.start.column}: ${error.message}`,
    );
  }
  io.out(
    values.json
      ? `${JSON.stringify(tree, null, 2)}\n`
      : `${dump(tree)}${dump(tree).endsWith('\n') ? '' : '\n'}`,
  );
  return 0;
}
