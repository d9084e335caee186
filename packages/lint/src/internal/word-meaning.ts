import { type EscapeChar, expand } from '@dockwright/ast';

const MARK = (name: string): string => `\u0000${name}\u0000`;

/**
 * What a word means to BuildKit without an environment, to check that a rewritten word means
 * the same as the original: ast's `expand` once with `skipUnsetEnv` (quotes and escapes
 * removed, every reference kept as written, defaults included) and once with every variable
 * replaced by a marker (so a literal `\$x` and a reference `$x` differ). Null when the lexer
 * rejects the word.
 *
 * @example
 * ```ts
 * wordMeaning('"a b"', '\\') === wordMeaning('a\\ b', '\\') // true
 * wordMeaning('\\$x', '\\') === wordMeaning('$x', '\\') // false
 * ```
 */
export function wordMeaning(word: string, escape: EscapeChar): string | null {
  try {
    const kept = expand(word, {}, { escape, skipUnsetEnv: true });
    const marked = expand(word, MARK, { escape });
    return `${kept}\u0001${marked}`;
  } catch {
    return null;
  }
}
