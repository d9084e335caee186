import { parseArgs } from 'node:util';
import { dump } from '@dockwright/ast';
import { CliError } from '../cli-error.js';
import { parseInput, readInput } from '../inputs.js';
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
  const parsed = parseInput(readInput(positionals[0]!, io.cwd));
  if ('error' in parsed) throw new CliError(parsed.error);
  const tree = parsed.tree;
  io.out(
    values.json
      ? `${JSON.stringify(tree, null, 2)}\n`
      : `${dump(tree)}${dump(tree).endsWith('\n') ? '' : '\n'}`,
  );
  return 0;
}
