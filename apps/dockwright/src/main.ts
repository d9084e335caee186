import { CliError } from '@dockwright/cli-kit';
import pc from 'picocolors';
import type { Io } from './io.js';
import { encodeText } from './text-bytes.js';

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

Exit codes: 0 clean, 1 problems in a Dockerfile, 2 usage error or a file that could not be
read or written.
`;

// Each command is a chunk of its own, loaded once it is named: `--version` and `--help`
// read none of the parser, the rules or yaml.
type Command = (argv: string[], io: Io) => number | Promise<number>;
const COMMANDS = new Map<string, () => Promise<Command>>([
  ['lint', async () => (await import('./commands/lint-command.js')).lintCommand],
  ['fmt', async () => (await import('./commands/fmt-command.js')).fmtCommand],
  ['format', async () => (await import('./commands/fmt-command.js')).fmtCommand],
  ['parse', async () => (await import('./commands/parse-command.js')).parseCommand],
  ['build', async () => (await import('./commands/build-command.js')).buildCommand],
  ['pin', async () => (await import('./commands/pin-command.js')).pinCommand],
  ['bake', async () => (await import('./commands/bake-command.js')).bakeCommand],
]);

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const colorsOn = Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env);
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    out: (s) => process.stdout.write(encodeText(s)),
    err: (s) => process.stderr.write(encodeText(s)),
    outClosed: () => process.stdout.destroyed || process.stdout.writableEnded,
    colors: pc.createColors(colorsOn),
    version: VERSION,
  };
  const [command, ...rest] = argv.filter((a) => a !== '--debug');
  try {
    const load = command === undefined ? undefined : COMMANDS.get(command);
    if (load) return await (await load())(rest, io);
    switch (command) {
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
      default: {
        const { escapeTerminal } = await import('@dockwright/lint');
        throw new CliError(
          `unknown command "${escapeTerminal(command, 100)}" (expected lint, fmt, parse, build, pin or bake; see --help)`,
        );
      }
    }
  } catch (error) {
    return report(error, io, debug);
  }
}

/** Prints an error as one line (a stack trace only with --debug) and returns the exit code. */
async function report(error: unknown, io: Io, debug: boolean): Promise<number> {
  // Only now: the module with escapeTerminal holds the parser and the rules.
  const { escapeTerminal } = await import('@dockwright/lint');
  if (debug) io.err(`${(error as Error).stack ?? String(error)}\n`);
  else if (error instanceof CliError) io.err(`${error.message}\n`);
  else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    io.err(`dockwright: ${escapeTerminal((error as Error).message, 500)}\n`);
  else
    io.err(
      `dockwright: ${escapeTerminal((error as Error).message ?? String(error), 500)} (run with --debug for details)\n`,
    );
  if (error instanceof CliError) return error.exitCode;
  return 2;
}
