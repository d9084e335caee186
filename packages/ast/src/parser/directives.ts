import { isReSpace } from '../syntax/words.js';

/**
 * BuildKit's directive pattern ``^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`` on a line
 * whose leading whitespace is already skipped (`\s` is RE2's `[\t\n\f\r ]`).
 */
export function matchDirective(
  text: string,
  from: number,
  to: number,
): { name: string; value: string } | null {
  let i = from + 1;
  while (i < to && isReSpace(text.charCodeAt(i))) i++;
  const nameStart = i;
  if (i >= to || !isAlpha(text.charCodeAt(i))) return null;
  while (i < to && (isAlpha(text.charCodeAt(i)) || isDigit(text.charCodeAt(i)))) i++;
  const name = text.slice(nameStart, i).toLowerCase();
  while (i < to && isReSpace(text.charCodeAt(i))) i++;
  if (i >= to || text.charCodeAt(i) !== 0x3d) return null;
  const afterEq = i + 1;
  if (afterEq >= to) return null;
  i = afterEq;
  while (i < to && isReSpace(text.charCodeAt(i))) i++;
  let e = to;
  while (e > i && isReSpace(text.charCodeAt(e - 1))) e--;
  // All whitespace after `=`: the lazy `(.+?)` still takes one character, the last.
  if (e === i) return { name, value: text.slice(to - 1, to) };
  return { name, value: text.slice(i, e) };
}

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
