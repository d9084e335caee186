import type { EscapeChar } from '../tree/nodes.js';

/**
 * Quote removal as BuildKit's `shell.Lex.ProcessWord` does it, but with variables left as written
 * (a view shows meaning without an environment; use `expand` to substitute).
 *
 * - Inside `"…"` the escape character escapes only `"`, `$` and itself; any other escape is
 *   kept as-is (`"a\b"` stays `a\b`).
 * - Inside `'…'` nothing escapes.
 * - Outside quotes the escape character escapes the next character; a trailing one is dropped.
 * - An unterminated quote (BuildKit: "unexpected end of statement while looking for matching
 *   double-quote") takes the rest of the word literally: views are best effort.
 *
 * @example
 * ```ts
 * unquote('"hello \\"world\\""') // hello "world"
 * unquote("'a\\b'") // a\b
 * ```
 */
export function unquote(word: string, escapeChar: EscapeChar = '\\'): string {
  // Fast path: nothing to remove.
  if (word.indexOf('"') < 0 && word.indexOf("'") < 0 && word.indexOf(escapeChar) < 0) return word;
  let out = '';
  const n = word.length;
  let i = 0;
  while (i < n) {
    const ch = word[i]!;
    if (ch === "'") {
      const close = word.indexOf("'", i + 1);
      if (close < 0) {
        out += word.slice(i + 1);
        break;
      }
      out += word.slice(i + 1, close);
      i = close + 1;
    } else if (ch === '"') {
      i++;
      while (i < n && word[i] !== '"') {
        const c = word[i]!;
        if (c === escapeChar && i + 1 < n) {
          const next = word[i + 1]!;
          if (next === '"' || next === '$' || next === escapeChar) {
            out += next;
            i += 2;
            continue;
          }
        } else if (c === escapeChar) {
          // BuildKit ignores an escape at the very end of the word.
          i++;
          continue;
        }
        out += c;
        i++;
      }
      i++; // closing quote (or past the end)
    } else if (ch === escapeChar) {
      if (i + 1 < n) out += word[i + 1];
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
