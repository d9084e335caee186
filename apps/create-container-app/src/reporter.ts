import { style } from './style.js';

type Prompts = typeof import('./prompts.js');

/** How often a plain run says a long step is still running. */
const STILL_WORKING_EVERY_MS = 15_000;

/** Progress output: clack's when prompting on a terminal, plain lines otherwise (CI, pipes). */
export interface Reporter {
  intro(): void;
  /** A long step; the returned function ends it with a success or failure line. */
  task(label: string): (ok: boolean, message: string) => void;
  success(message: string): void;
  warn(message: string): void;
  outro(message: string): void;
}

/**
 * Plain lines for a non-interactive run: nothing to redraw, so clack (and the `node:tty` and
 * `node:readline` it loads) is never imported.
 *
 * @example
 * ```ts
 * plainReporter().success('Wrote 7 files to app') // ✔ Wrote 7 files to app
 * ```
 */
export function plainReporter({ every = STILL_WORKING_EVERY_MS } = {}): Reporter {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  return {
    intro() {},
    task(label) {
      out(`${style('cyan', '◇')} ${label}…`);
      // Nothing redraws here: a line now and then says the step is still running (a package
      // manager waiting on a slow registry prints nothing for minutes).
      const started = Date.now();
      const timer = setInterval(() => {
        const seconds = Math.round((Date.now() - started) / 1000);
        out(`${style('dim', '│')} still working: ${label} (${seconds} s)`);
      }, every);
      timer.unref();
      return (ok, message) => {
        clearInterval(timer);
        if (ok) this.success(message);
        else this.warn(message);
      };
    },
    success(message) {
      out(`${style('green', '✔')} ${message}`);
    },
    warn(message) {
      process.stderr.write(`${style('yellow', '▲', process.stderr)} ${message}\n`);
    },
    outro(message) {
      out(`\n${message}`);
    },
  };
}

/**
 * clack's intro, spinner, log lines and outro, for a run that prompts on a terminal.
 *
 * @example
 * ```ts
 * clackReporter(await import('./prompts.js')).intro()
 * ```
 */
export function clackReporter(prompts: Prompts): Reporter {
  return {
    intro() {
      prompts.intro(style(['bgCyan', 'black'], ' create-container-app '));
    },
    task(label) {
      const spinner = prompts.spinner();
      spinner.start(label);
      return (ok, message) => (ok ? spinner.stop(message) : spinner.error(message));
    },
    success(message) {
      prompts.log.success(message);
    },
    warn(message) {
      prompts.log.warn(message);
    },
    outro(message) {
      prompts.outro(message);
    },
  };
}
