import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format } from '@dockwright/lint';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';
import { parseInput, readInputs, selectFiles, writeAtomic } from '../inputs.js';
import type { Io } from './lint-command.js';

export const FMT_HELP = `Usage: dockwright fmt [--check|--write] [files…|-]

Formats Dockerfiles in one canonical style without changing their meaning.
Prints the result to stdout by default.

Options:
  --check   list the files that would change; exit 1 if any
  --write   rewrite the files that change (atomically; unchanged files are not touched)
`;

export function fmtCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      check: { type: 'boolean' },
      write: { type: 'boolean' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      debug: { type: 'boolean' },
    },
  });
  if (values.help) {
    io.out(FMT_HELP);
    return 0;
  }
  if (values.check && values.write)
    throw new CliError('--check and --write cannot be used together');
  if (positionals.length === 0)
    throw new CliError('no files given (use - for stdin; see dockwright fmt --help)');
  const config = loadConfig(values.config, io.cwd);
  const files = selectFiles(positionals, io.cwd, config.ignoreFiles);
  const { inputs, failed } = readInputs(files, io.cwd, io.err);
  let status = failed ? 2 : 0;
  let changed = 0;
  for (const input of inputs) {
    const file = input.file;
    const parsed = parseInput(input);
    if ('error' in parsed) {
      io.err(`${parsed.error}\n`);
      status = 2;
      continue;
    }
    const output = format(input.text, { file: input.file });
    if (values.check) {
      if (output !== input.text) {
        io.out(`${input.file}\n`);
        changed++;
      }
    } else if (values.write && file !== '-') {
      if (output !== input.text) writeAtomic(join(io.cwd, file), output);
    } else {
      io.out(output);
    }
  }
  if (status !== 0) return status;
  return values.check && changed > 0 ? 1 : 0;
}
