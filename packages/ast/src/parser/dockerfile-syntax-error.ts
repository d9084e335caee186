/**
 * A Dockerfile that BuildKit would reject, located by file, line and column.
 *
 * @example
 * ```ts
 * try { parseStrict('FROM', { file: 'Dockerfile' }) } catch (e) {
 *   // e.message === 'Dockerfile:1:1: FROM requires either one or three arguments'
 * }
 * ```
 */
export class DockerfileSyntaxError extends Error {
  override readonly name = 'DockerfileSyntaxError';
  /** BuildKit's wording of the problem, without the location. */
  readonly reason: string;
  readonly file: string | undefined;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;

  constructor(
    reason: string,
    location: { line: number; column: number; file?: string | undefined },
    options?: { cause?: unknown },
  ) {
    super(
      `${location.file ?? 'Dockerfile'}:${location.line}:${location.column}: ${reason}`,
      options,
    );
    this.reason = reason;
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }
}
