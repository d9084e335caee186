/**
 * Bad input to the builder: the message names the method and the value, e.g.
 * `workdir(): the path must not contain a newline: "a\nb"`.
 *
 * @example
 * ```ts
 * try {
 *   dockerfile().from('node:22').workdir('a\nb');
 * } catch (error) {
 *   error instanceof DockerfileBuildError; // true
 *   error.method; // 'workdir'
 * }
 * ```
 */
export class DockerfileBuildError extends Error {
  override readonly name = 'DockerfileBuildError';
  /** The builder method that refused its input (`workdir`, `copy`, …). */
  readonly method: string;

  constructor(method: string, reason: string, options?: { cause?: unknown }) {
    super(`${method}(): ${reason}`, options);
    this.method = method;
  }
}

/**
 * `JSON.stringify` keeps every character visible in a message (`"a\nb"`); a long value is cut
 * to its first 200 characters, with its length.
 */
export function show(value: unknown): string {
  const s = String(value);
  if (s.length <= 240) return JSON.stringify(s);
  return `${JSON.stringify(s.slice(0, 200))}… (${s.length} characters)`;
}
