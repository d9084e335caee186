import { styleText } from 'node:util';

type Format = Parameters<typeof styleText>[0];

/**
 * Colours `text` for a terminal. `node:util` styleText rather than a colour library: it needs
 * no `node:tty` at start-up. Plain text when the stream is not a TTY or NO_COLOR is set
 * (Node 20's styleText does not check either itself).
 *
 * @example
 * ```ts
 * style('red', '✖') // '\x1b[31m✖\x1b[39m' on a terminal, '✖' in a pipe
 * ```
 */
export function style(
  format: Format,
  text: string,
  stream: NodeJS.WriteStream = process.stdout,
): string {
  const color =
    stream.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
  return color ? styleText(format, text) : text;
}
