import type { EscapeChar } from '@dockwright/ast';

/**
 * BuildKit's quote removal on one word (shell/lex.go `ProcessWord` without expansion):
 * outside quotes the escape character escapes the next character; inside `'…'` nothing
 * escapes; inside `"…"` it escapes only `"`, `$` and itself. A `$` that stays a variable is
 * marked with a NUL before it, so `\$x` (literal) and `$x` (a reference) compare different.
 * Used to check that a rewritten ENV or LABEL value means the same.
 */
export function processWord(word: string, escape: EscapeChar = '\\'): string {
  let out = '';
  let dq = false;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === escape) {
      if (i + 1 >= word.length) {
        out += c;
        continue;
      }
      const nx = word[i + 1]!;
      if (!dq || nx === '"' || nx === '$' || nx === escape) out += nx;
      else out += c + nx;
      i++;
      continue;
    }
    if (c === "'" && !dq) {
      const close = word.indexOf("'", i + 1);
      const stop = close < 0 ? word.length : close;
      out += word.slice(i + 1, stop);
      i = stop;
      continue;
    }
    if (c === '"') {
      dq = !dq;
      continue;
    }
    out += c === '$' ? '\u0000$' : c;
  }
  return out;
}

/** Quote removal for display: {@link processWord} without the variable marks. */
export function unquote(word: string, escape: EscapeChar = '\\'): string {
  return processWord(word, escape).replaceAll('\u0000', '');
}
