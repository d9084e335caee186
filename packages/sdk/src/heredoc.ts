import { readBoolean, readOptionalString, readOptions, readString } from './read-input.js';
import type { HeredocSource } from './types.js';

/**
 * A heredoc for `run()` (a script, or input to `command`) or a `copy()` source (a file's
 * content). Needs Dockerfile frontend 1.4, so the builder adds the syntax line.
 *
 * @example
 * ```ts
 * stage.run(heredoc('set -e\napt-get update\n'))
 * // RUN <<EOF
 * // set -e
 * // apt-get update
 * // EOF
 * stage.copy(heredoc('hello\n'), '/app/hello.txt')
 * // COPY <<'EOF' /app/hello.txt
 * // hello
 * // EOF
 * ```
 */
export function heredoc(
  content: string,
  options?: { command?: string; expand?: boolean; name?: string },
): HeredocSource {
  const opts = readOptions('heredoc', options);
  const expand = readBoolean('heredoc', 'options.expand', opts.expand);
  return Object.freeze({
    kind: 'heredoc',
    content: readString('heredoc', 'the content', content),
    quoted: expand === undefined ? null : !expand,
    command: readOptionalString('heredoc', 'options.command', opts.command) ?? null,
    name: readOptionalString('heredoc', 'options.name', opts.name) ?? 'EOF',
  });
}

export function isHeredocSource(value: unknown): value is HeredocSource {
  return typeof value === 'object' && value !== null && (value as HeredocSource).kind === 'heredoc';
}
