const HEREDOC_WORD = /^(\d*)<<(-?)\s*([^<]*)$/;

/**
 * BuildKit's `parser.MustParseHeredoc` on one word: `<<EOF`, `<<-EOF`, `3<<'EOF'` give the
 * terminator name (quotes removed) or null when the word is not a heredoc marker.
 *
 * @example
 * ```ts
 * heredocName('<<"EOF"') // 'EOF'
 * heredocName('/dst') // null
 * ```
 */
export function heredocName(word: string): string | null {
  if (word.indexOf('<<') < 0) return null;
  const m = HEREDOC_WORD.exec(word);
  if (!m || m[3] === '') return null;
  const rest = m[3]!;
  // The name must lex as one word (quotes removed, `\` escaping).
  let name = '';
  let quote = '';
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]!;
    if (quote !== '') {
      if (ch === quote) quote = '';
      else if (
        quote === '"' &&
        ch === '\\' &&
        i + 1 < rest.length &&
        '"$\\'.includes(rest[i + 1]!)
      ) {
        name += rest[++i];
      } else name += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\') {
      if (i + 1 < rest.length) name += rest[++i];
    } else if (/\s/.test(ch)) {
      return null;
    } else name += ch;
  }
  // An unterminated quote is a lexing error: BuildKit's MustParseHeredoc gives nil.
  if (quote !== '' || name === '') return null;
  return name;
}
