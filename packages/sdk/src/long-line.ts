/**
 * BuildKit reads a Dockerfile with a `bufio.Scanner` whose lines hold at most 65,536 bytes with
 * their line break: a longer line fails the build (`dockerfile line greater than max allowed
 * size of 65535`). An instruction whose line would be longer is laid out over continuation
 * lines, which BuildKit joins back into the same logical line.
 */
import type { EscapeChar } from '@dockwright/ast';
import { DockerfileBuildError } from './dockerfile-build-error.js';
import { GO_SPACE, utf8Length } from './encode.js';

export { utf8Length };

/** The bytes a line may hold with its terminator. */
const SCANNER_BUFFER = 65_536;

/** The most bytes a line's content may have before `eol`. */
export function maxLineBytes(eol: string): number {
  return SCANNER_BUFFER - eol.length;
}

/**
 * `logical` (what follows the keyword on the instruction's one logical line) over as many
 * physical lines as its length needs, each ending in the escape char, the last in `eol`.
 *
 * A split point must keep the join exact: the character before the escape char may not be the
 * escape char (`\\` + `\` does not continue), and the next line may not start with whitespace
 * or `#`: BuildKit skips a continuation line that is blank or a comment. Splitting between the
 * two halves of a surrogate pair would break the UTF-8.
 */
export function layOutLongLine(
  method: string,
  keyword: string,
  logical: string,
  esc: EscapeChar,
  eol: string,
): string {
  const limit = maxLineBytes(eol) - 1; // room for the escape char
  const segments: string[] = [];
  let pos = 0;
  let used = utf8Length(keyword);
  while (used + utf8Length(logical, pos) > limit + 1) {
    let end = pos;
    let bytes = used;
    while (end < logical.length) {
      const width = utf8Length(logical, end, end + (isHighSurrogate(logical, end) ? 2 : 1));
      if (bytes + width > limit) break;
      bytes += width;
      end += isHighSurrogate(logical, end) ? 2 : 1;
    }
    while (end > pos && !splitsCleanly(logical, end, esc)) end--;
    if (end === pos) {
      throw new DockerfileBuildError(
        method,
        `the instruction is longer than ${SCANNER_BUFFER - 1} bytes, BuildKit's line limit, and has no point where it can continue on a new line`,
      );
    }
    segments.push(logical.slice(pos, end));
    pos = end;
    used = 0;
  }
  segments.push(logical.slice(pos));
  return segments.join(esc + eol) + eol;
}

function isHighSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff;
}

function splitsCleanly(s: string, at: number, esc: EscapeChar): boolean {
  const before = s[at - 1]!;
  const next = s[at]!;
  if (before === esc || isHighSurrogate(s, at - 1)) return false;
  return next !== '#' && !GO_SPACE.test(next);
}
