/**
 * An error the CLI reports as one line (no stack trace unless `--debug`) with its exit code.
 *
 * @example
 * ```ts
 * throw new CliError('Unknown template "rails". Use --template flask or --template node.');
 * ```
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? 1;
  }
}
