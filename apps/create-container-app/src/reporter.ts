import { style } from './style.js';

type Prompts = typeof import('./prompts.js');

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
export function plainReporter(): Reporter {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  return {
    intro() {},
    task(label) {
      out(`${style('cyan', '◇')} ${label}…`);
      return (ok, message) => (ok ? this.success(message) : this.warn(message));
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
