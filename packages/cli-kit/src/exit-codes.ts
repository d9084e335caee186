/**
 * The exit codes of every Dockwright command line (`dockwright`, `create-container-app`), so a
 * script reads them the same way whichever tool it runs:
 *
 * - `ok` (0): done, nothing to report.
 * - `problems` (1): the command ran to the end and what it reports is not clean: `lint` found
 *   problems, `fmt --check` found files to format, a scaffold was written but needs one more
 *   step (its lockfile could not be created).
 * - `error` (2): nothing was done: a bad flag or input, a file that cannot be read or written,
 *   a target that is not empty. The message says what and how to go on.
 * - `interrupted` (130) and `terminated` (143): stopped by SIGINT (Ctrl-C) or SIGTERM; the
 *   shell's 128 + signal number.
 *
 * @example
 * ```ts
 * process.exitCode = findings.length > 0 ? EXIT.problems : EXIT.ok;
 * ```
 */
export const EXIT = Object.freeze({
  ok: 0,
  problems: 1,
  error: 2,
  interrupted: 130,
  terminated: 143,
} as const);

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The exit code for a run stopped by `signal`.
 *
 * @example
 * ```ts
 * exitCodeForSignal('SIGINT') // 130
 * ```
 */
export function exitCodeForSignal(signal: 'SIGINT' | 'SIGTERM'): ExitCode {
  return signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
}
