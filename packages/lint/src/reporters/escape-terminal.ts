/**
 * Text from a Dockerfile or a file name, made safe to print on a terminal: control
 * characters (C0 but tab and newline, DEL, C1), which could move the cursor, recolour,
 * retitle the window or hide what follows, and the bidirectional overrides that make text
 * read other than it runs ("Trojan Source"), become visible escapes. A lone surrogate
 * U+DC80–U+DCFF stands for a byte that was not UTF-8 (the CLI's `surrogateescape`
 * decoding) and shows as that byte, `\xe9`. Tab and newline stay. Text longer than
 * `maxLength` is cut there first, saying how much was left out.
 *
 * @example
 * ```ts
 * escapeTerminal('RUN echo \x1b[31mred') // 'RUN echo \\x1b[31mred'
 * escapeTerminal('caf\udce9') // 'caf\\xe9'
 * escapeTerminal('x'.repeat(1000), 3) // 'xxx… (997 more characters)'
 * ```
 */
export function escapeTerminal(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  let cut = '';
  let kept = text;
  if (text.length > maxLength) {
    kept = text.slice(0, pairEnd(text, maxLength));
    cut = `… (${text.length - kept.length} more characters)`;
  }
  return (UNSAFE.test(kept) ? kept.replace(UNSAFE_ALL, escapeOne) : kept) + cut;
}

/** `i`, moved back one when it would split a surrogate pair. */
export function pairEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const p = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff ? i - 1 : i;
}

const UNSAFE = /[\0-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x0d) return '\\r';
  if (code < 0x80) return `\\x${hex(code)}`;
  if (code >= 0xdc80 && code <= 0xdcff) return `\\x${hex(code - 0xdc00)}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
