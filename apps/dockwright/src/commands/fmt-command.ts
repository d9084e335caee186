import { parseArgs } from 'node:util';
import { CliError } from '@dockwright/cli-kit';
import { format } from '@dockwright/lint';
import { loadConfig } from '../config.js';
import { selectFiles } from '../expand-glob.js';
import { holdSignals } from '../hold-signals.js';
import type { Io } from '../io.js';
import { parseInput } from '../parse-input.js';
import { displayName, readInput } from '../read-input.js';
import { replaceFile } from '../replace-file.js';
import { encodeText } from '../text-bytes.js';

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
Heredoc bodies are never touched. Bytes that are not UTF-8 are kept as they are.

Exit codes: 0 done, 1 --check found files to change or a Dockerfile has syntax errors
(printed as file:line:column: message), 2 usage error or a file that could not be read or
written (the other files are still done).
`;

export async function fmtCommand(argv: string[], io: Io): Promise<number> {
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
  const config = await loadConfig(values.config, io.cwd);
  const files = selectFiles(positionals, io.cwd, config.ignoreFiles);
  let failed = false;
  let invalid = false;
  let changed = 0;
  // One file at a time, each to the end, so a bad one (unreadable, unwritable, too large)
  // is reported and the others are still done.
  for (const file of files) {
    try {
      const input = readInput(file, io.cwd);
      // One parse for the errors and the formatting (format parses its result once more, to
      // check that the meaning is unchanged).
      const { tree, errors } = parseInput(input);
      if (errors.length > 0) {
        io.err(errors.map((e) => `${e}\n`).join(''));
        invalid = true;
        continue;
      }
      const output = format(tree);
      if (values.check) {
        if (output !== input.text) {
          io.out(`${displayName(file)}\n`);
          changed++;
        }
      } else if (values.write && file !== '-') {
        if (output !== input.text) {
          await holdSignals(() => replaceFile(input.source, encodeText(output), displayName(file)));
        }
      } else {
        io.out(output);
      }
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err(`${error.message}\n`);
      failed = true;
    }
  }
  if (failed) return 2;
  return invalid || (values.check && changed > 0) ? 1 : 0;
}
