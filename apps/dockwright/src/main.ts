import { CliError } from '@dockwright/cli-kit';
import pc from 'picocolors';
import { fmtCommand } from './commands/fmt-command.js';
import { type Io, lintCommand } from './commands/lint-command.js';
import { parseCommand } from './commands/parse-command.js';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';

const HELP = `dockwright ${VERSION}: lint, format and parse Dockerfiles

Usage: dockwright <command> [options] [files…|-]

Commands:
  lint    report BuildKit's checks, hadolint's DL rules and dockwright's rules; --fix fixes
  fmt     format in one canonical style that never changes meaning
  parse   print BuildKit's Node.Dump() lines or the JSON syntax tree

Options:
  -h, --help     show this help; dockwright <command> --help shows a command's options
  -v, --version  print the version
  --debug        print stack traces of unexpected errors

Exit codes: 0 clean, 1 problems in a Dockerfile, 2 usage or read error.
`;

/** Runs the CLI and returns the exit code. */
export function main(argv: string[]): number {
  const debug = argv.includes('--debug');
  const colorsOn = Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env);
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    colors: pc.createColors(colorsOn),
    version: VERSION,
  };
  const [command, ...rest] = argv.filter((a) => a !== '--debug');
  try {
    switch (command) {
      case 'lint':
        return lintCommand(rest, io);
      case 'fmt':
      case 'format':
        return fmtCommand(rest, io);
      case 'parse':
        return parseCommand(rest, io);
      case '--version':
      case '-v':
        io.out(`${VERSION}\n`);
        return 0;
      case undefined:
        // No command is a usage error: the help goes to stderr, stdout stays empty.
        io.err(HELP);
        return 2;
      case '--help':
      case '-h':
      case 'help':
        io.out(HELP);
        return 0;
      default:
        throw new CliError(
          `unknown command ${JSON.stringify(command)} (expected lint, fmt or parse; see --help)`,
        );
    }
  } catch (error) {
    if (debug) io.err(`${(error as Error).stack ?? String(error)}\n`);
    else if (error instanceof CliError) io.err(`${error.message}\n`);
    else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      io.err(`dockwright: ${(error as Error).message}\n`);
    else
      io.err(
        `dockwright: ${(error as Error).message ?? String(error)} (run with --debug for details)\n`,
      );
    if (error instanceof CliError) return error.exitCode;
    return 2;
  }
}
