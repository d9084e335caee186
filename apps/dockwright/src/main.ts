import { CliError } from '@dockwright/cli-kit';
import pc from 'picocolors';
import { bakeCommand } from './commands/bake-command.js';
import { buildCommand } from './commands/build-command.js';
import { fmtCommand } from './commands/fmt-command.js';
import { type Io, lintCommand } from './commands/lint-command.js';
import { parseCommand } from './commands/parse-command.js';
import { pinCommand } from './commands/pin-command.js';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';

const HELP = `dockwright ${VERSION}: lint, format and parse Dockerfiles

Usage: dockwright <command> [options] [files…|-]

Commands:
  lint    report BuildKit's checks, hadolint's DL rules and dockwright's rules; --fix fixes
  fmt     format in one canonical style that never changes meaning
  parse   print BuildKit's Node.Dump() lines or the JSON syntax tree
  build   build a Dockerfile or a build script's Dockerfile with BuildKit (local or remote)
  pin     pin FROM and --from images to registry digests; --check, --update
  bake    write a docker-bake.json from a build script; --build builds its targets

Options:
  -h, --help     show this help; dockwright <command> --help shows a command's options
  -v, --version  print the version
  --debug        print stack traces of unexpected errors

Exit codes: 0 clean, 1 problems in a Dockerfile, 2 usage or read error.
`;

/** Runs the CLI and returns the exit code (a promise for the commands that drive an engine). */
export function main(argv: string[]): number | Promise<number> {
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
      case 'build':
        return buildCommand(rest, io).catch((error) => report(error, io, debug));
      case 'pin':
        return pinCommand(rest, io).catch((error) => report(error, io, debug));
      case 'bake':
        return bakeCommand(rest, io).catch((error) => report(error, io, debug));
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
          `unknown command ${JSON.stringify(command)} (expected lint, fmt, parse, build, pin or bake; see --help)`,
        );
    }
  } catch (error) {
    return report(error, io, debug);
  }
}

/** Prints an error as one line (a stack trace only with --debug) and returns the exit code. */
function report(error: unknown, io: Io, debug: boolean): number {
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
