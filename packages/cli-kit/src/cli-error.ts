import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * An error a command line reports as its message alone (no stack trace unless `--debug`),
 * then exits with `exitCode`: {@link EXIT.error} (2, nothing was done) unless said otherwise.
 * The message says what failed and how to go on; `cause` keeps the error underneath for
 * `--debug`.
 *
 * @example
 * ```ts
 * throw new CliError('Unknown template "rails". Use one of: flask, node, node-ts.');
 * throw new CliError(`${file}: cannot read: ${reason}`, EXIT.error, { cause: error });
 * ```
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = EXIT.error, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = exitCode;
  }
}
