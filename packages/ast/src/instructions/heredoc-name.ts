import { parseHeredocWord } from '../syntax/heredoc-markers.js';

/**
 * BuildKit's `parser.MustParseHeredoc` on one word: `<<EOF`, `<<-EOF`, `3<<'EOF'` give the
 * terminator name (quotes removed) or null when the word is not a heredoc marker. A word the
 * lexer refuses (an unbalanced quote, a missing `}`) is null too, as `MustParseHeredoc` drops
 * the error.
 *
 * @example
 * ```ts
 * heredocName('<<"EOF"') // 'EOF'
 * heredocName('/dst') // null
 * ```
 */
export function heredocName(word: string): string | null {
  if (word.indexOf('<<') < 0) return null;
  const marker = parseHeredocWord(word);
  return marker === null || typeof marker === 'string' ? null : marker.name;
}
