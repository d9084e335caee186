import { CliError, EXIT, exitCodeForSignal } from '@dockwright/cli-kit';
import { runExisting } from './existing-project.js';
import { helpText } from './help-text.js';
import { stopRunningPackageManager } from './lockfile/generate-lockfile.js';
import { runNew } from './new-project.js';
import { parseCliArgs } from './parse-cli-args.js';
import { clackReporter, plainReporter } from './reporter.js';
import type { Session } from './session.js';
import { style } from './style.js';
import type { StagedProject } from './write/staged-project.js';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** The staging directory of the run in progress, so an interrupted run can remove it. */
const active: { staged: StagedProject | undefined } = { staged: undefined };

/**
 * Runs the CLI and resolves to its exit code ({@link EXIT}): 0 done, 1 written but incomplete
 * (no lockfile), 2 nothing was done, 130/143 interrupted. Errors meant for the user are
 * printed as one line; any other error also, with its stack under `--debug`.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['api', '--template', 'flask', '--no-interactive']);
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    void interrupted(signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // 1. Flags: parsed and validated before anything else happens.
    const args = parseCliArgs(argv);
    if (args.help) {
      process.stdout.write(helpText(VERSION));
      return EXIT.ok;
    }
    if (args.version) {
      process.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    // 2. Prompts only with a terminal on stdin; otherwise every missing answer is an error.
    const prompts =
      args.interactive && process.stdin.isTTY === true ? await import('./prompts.js') : undefined;
    const session: Session = {
      args,
      prompts,
      reporter: prompts ? clackReporter(prompts) : plainReporter(),
      active,
    };
    session.reporter.intro();
    // 3. A new project, or the container files of an existing one.
    return args.existing ? await runExisting(session) : await runNew(session);
  } catch (error) {
    await stopRunningPackageManager();
    active.staged?.discard();
    return report(error, argv.includes('--debug'));
  } finally {
    active.staged = undefined;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

async function interrupted(signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
  // The package manager first: it writes in the staging directory until it has exited.
  await stopRunningPackageManager();
  active.staged?.discard();
  process.stderr.write(
    `\n${style('red', '✖', process.stderr)} Interrupted (${signal}); nothing was written.\n`,
  );
  process.exit(exitCodeForSignal(signal));
}

function report(error: unknown, debug: boolean): number {
  const mark = style('red', '✖', process.stderr);
  if (error instanceof CliError) {
    process.stderr.write(`${mark} ${error.message}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  process.stderr.write(
    `${mark} Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.error;
}
