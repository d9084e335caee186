const LETTER = /^\p{L}$/u;
const DECIMAL = /^\p{Nd}$/u;

/** Go's `unicode.IsLetter`. */
export function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return LETTER.test(String.fromCodePoint(cp));
}

/** Go's `unicode.IsDigit` (any decimal digit, so `$٣` is a positional parameter like `$3`). */
export function isDigit(cp: number): boolean {
  if (cp < 0x100) return cp >= 0x30 && cp <= 0x39;
  return DECIMAL.test(String.fromCodePoint(cp));
}

/** `string(r)` in Go: EOF (-1) is not a valid rune and prints as U+FFFD. */
export function runeString(cp: number): string {
  return cp < 0 ? '\uFFFD' : String.fromCodePoint(cp);
}
