export const isSeparator = (c: string) =>
  c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r';
export const isSpace = (c: string) =>
  isSeparator(c) || c === '\n' || c === '\u0085' || c === '\u00a0';

/** A logical line's characters with the text offset each came from. */
export interface Chars {
  readonly s: string;
  readonly at: readonly number[];
}

/**
 * The instruction's logical line with offsets: continuation lines joined (the escape character
 * and the spaces after it dropped, comment and empty lines inside the continuation skipped),
 * as BuildKit's scanner joins them.
 */
export function logicalChars(text: string, escape: string, from: number, to: number): Chars {
  let s = '';
  const at: number[] = [];
  let pos = from;
  let first = true;
  while (pos < to) {
    let le = text.indexOf('\n', pos);
    if (le === -1 || le > to) le = to;
    let ce = le;
    while (ce > pos && text[ce - 1] === '\r') ce--;
    if (!first) {
      let t = pos;
      while (t < ce && isSpace(text[t]!)) t++;
      if (t === ce || text[t] === '#') {
        pos = le + 1;
        continue;
      }
    }
    first = false;
    let e = ce;
    while (e > pos && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
    const continues =
      e > pos && text[e - 1] === escape && (e - 1 === pos || text[e - 2] !== escape);
    const stop = continues ? e - 1 : ce;
    for (let i = pos; i < stop; i++) {
      s += text[i];
      at.push(i);
    }
    if (!continues) break;
    pos = le + 1;
  }
  return { s, at };
}
