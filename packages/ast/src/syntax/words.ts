import type { Flag } from '../tree/nodes.js';

/** Go's `unicode.IsSpace`, which BuildKit uses to trim lines and split words. */
export function isGoSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** BuildKit's `reWhitespace`: `[\t\v\f\r ]`, the separator of commands and plain word lists. */
export function isSeparator(code: number): boolean {
  // Most characters are above the space: one comparison rules them out.
  return code <= 0x20 && (code === 0x20 || (code >= 0x09 && code <= 0x0d && code !== 0x0a));
}

/** RE2's `\s`, `[\t\n\f\r ]`, as BuildKit's directive and heredoc patterns use it. */
export function isReSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

/**
 * One flag word starting at `src[start]` that holds quotes or escapes, read as BuildKit's
 * `extractBuilderFlags` reads it: quotes removed, `\` escaping the next character (always `\`,
 * whatever the escape directive says), white space inside quotes kept. `end` is where the
 * word stops; `keep` is false for a word that came out empty without quotes.
 */
export function unquoteFlagWord(
  src: string,
  start: number,
  to: number,
): { text: string; end: number; keep: boolean } {
  let word = '';
  let quote = 0;
  let blankOK = false;
  let pos = start;
  for (; pos < to; pos++) {
    let code = src.charCodeAt(pos);
    if (quote === 0) {
      if (isGoSpace(code)) break;
      if (code === 0x27 || code === 0x22) {
        quote = code;
        blankOK = true;
        continue;
      }
    } else if (code === quote) {
      quote = 0;
      continue;
    }
    if (code === 0x5c) {
      if (pos + 1 === to) {
        // A `\` at the very end is dropped; inside quotes it also closes them.
        quote = 0;
        continue;
      }
      code = src.charCodeAt(++pos);
    }
    word += String.fromCharCode(code);
  }
  return { text: word, end: pos, keep: blankOK || word.length > 0 };
}

/** The word BuildKit keeps for a flag: `--name` or `--name=value`. */
export function formatFlagWord(f: Flag): string {
  return f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`;
}

/**
 * BuildKit's `parseWords` for words with quotes or escape characters: split on unquoted white
 * space, quotes and escapes kept (they are removed later, per instruction). A word is the text
 * as written, so it is cut out whole; only an escape character ending the text is dropped.
 */
export function parseQuotedWords(rest: string, escape: number): string[] {
  const words: string[] = [];
  const n = rest.length;
  let start = -1;
  let quote = 0;
  let blankOK = false;
  // An escape character at the very end is dropped (and closes double quotes).
  let end = n;
  for (let pos = 0; pos < n; pos++) {
    const code = rest.charCodeAt(pos);
    if (start < 0) {
      if (isGoSpace(code)) continue;
      start = pos;
    }
    if (quote === 0) {
      if (isGoSpace(code)) {
        if (blankOK || pos > start) words.push(rest.slice(start, pos));
        start = -1;
        blankOK = false;
        continue;
      }
      if (code === 0x27 || code === 0x22) {
        quote = code;
        blankOK = true;
      }
      if (code === escape) {
        if (pos + 1 === n) end = pos;
        else pos++;
      }
      continue;
    }
    if (code === quote) quote = 0;
    else if (code === escape && quote !== 0x27) {
      // The escape char is special inside double quotes only.
      if (pos + 1 === n) {
        end = pos;
        quote = 0;
      } else pos++;
    }
  }
  if (start >= 0 && (blankOK || end > start)) words.push(rest.slice(start, end));
  return words;
}
