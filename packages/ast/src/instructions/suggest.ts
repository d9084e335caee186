/**
 * BuildKit's `util/suggest.WrapError`: the closest option within a Levenshtein distance of 2,
 * or null. An exact match means the error was unrelated to the value, so nothing is suggested.
 * Case-insensitive matching returns the option in the value's case (all lower or all upper),
 * else lower-cased. Go iterates a map, so ties are resolved here by the order of `options`.
 *
 * @example
 * ```ts
 * suggest('FORM', ['FROM', 'RUN'], false) // 'FROM'
 * suggest('form', ['from', 'chown'], true) // 'from'
 * ```
 */
export function suggest(
  value: string,
  options: readonly string[],
  caseSensitive: boolean,
): string | null {
  const val = caseSensitive ? value : value.toLowerCase();
  let match: string | null = null;
  let min = 3;
  for (const option of options) {
    const opt = caseSensitive ? option : option.toLowerCase();
    if (opt === val) return null;
    const d = levenshtein(val, opt, min);
    if (d < min) {
      match = caseSensitive ? opt : matchCase(opt, value);
      min = d;
    }
  }
  return match;
}

/** The suffix BuildKit appends: ` (did you mean X?)`, or `''`. */
export function suggestion(
  value: string,
  options: readonly string[],
  caseSensitive: boolean,
): string {
  const match = suggest(value, options, caseSensitive);
  return match === null ? '' : ` (did you mean ${match}?)`;
}

function matchCase(val: string, orig: string): string {
  if (orig === orig.toLowerCase()) return val.toLowerCase();
  if (orig === orig.toUpperCase()) return val.toUpperCase();
  return val;
}

/** Levenshtein distance over code points; stops early once every row exceeds `limit`. */
function levenshtein(a: string, b: string, limit: number): number {
  // Keywords, flags and keys are nearly always free of surrogate pairs: compare code units then.
  const s = hasPair(a) ? Array.from(a) : a;
  const t = hasPair(b) ? Array.from(b) : b;
  if (Math.abs(s.length - t.length) >= limit) return limit;
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    [prev, cur] = [cur, prev];
  }
  return prev[t.length]!;
}

/** A UTF-16 surrogate in `s` (a code point that takes two code units). */
function hasPair(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}
