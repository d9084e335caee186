import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '@dockwright/cli-kit';
import { format } from '@dockwright/lint';
import { loadConfig } from '../config.js';
import { parseInput, readInputs, selectFiles, writeAtomic } from '../inputs.js';
import type { Io } from './lint-command.js';

export const FMT_HELP = `Usage: dockwright fmt [--check|--write] [files…|-]

Formats Dockerfiles in one canonical style without changing their meaning.
Prints the result to stdout by default.

Options:
  --check          list the files that would change; exit 1 if any
  --write          rewrite the files that change (atomically; unchanged files are not touched)
  --config <file>  config file (its ignore.files globs apply)

Keyword case, flag and argument spacing, blank lines and exec-form arrays are made canonical.
Words BuildKit's dump keeps as written (FROM's AS, HEALTHCHECK's CMD) and the indentation of
continuation lines in shell-form commands (part of the shell text) are left as they are, so
the formatted file parses to exactly the same instructions; \`lint --fix\` fixes AS casing.
Heredoc bodies are never touched.

Exit codes: 0 done, 1 --check found files to change or a Dockerfile has syntax errors
(printed as file:line:column: message), 2 usage or read error.
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
  let invalid = false;
  let changed = 0;
  for (const input of inputs) {
    const file = input.file;
    const { errors } = parseInput(input);
    if (errors.length > 0) {
      // A file that does not parse is not formatted: that would guess at its meaning.
      io.err(errors.map((e) => `${e}\n`).join(''));
      invalid = true;
      continue;
    }
    const output = format(input.text, { file: input.name });
    if (values.check) {
      if (output !== input.text) {
        io.out(`${input.name}\n`);
        changed++;
      }
    } else if (values.write && file !== '-') {
      if (output !== input.text) writeAtomic(resolve(io.cwd, file), output, input.name);
    } else {
      io.out(output);
    }
  }
  if (failed) return 2;
  return invalid || (values.check && changed > 0) ? 1 : 0;
}
