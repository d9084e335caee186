import { goQuote } from '../syntax/go-quote.js';

const UNITS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const MAX_NS = 2 ** 63 - 1; // int64 nanoseconds; rounded in a double, which is fine for a bound

/**
 * Go's `time.ParseDuration` (which BuildKit uses for HEALTHCHECK flags), in nanoseconds, or the
 * error Go would give, with Go's wording.
 *
 * @example
 * ```ts
 * parseGoDuration('1m30s') // { ns: 90e9 }
 * parseGoDuration('10') // { error: 'time: missing unit in duration "10"' }
 * ```
 */
export function parseGoDuration(text: string): { ns: number } | { error: string } {
  const invalid = { error: `time: invalid duration ${goQuote(text)}` };
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ns: 0 };
  if (s === '') return invalid;
  let total = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c0 = s.charCodeAt(i);
    if (!(c0 === 0x2e || (c0 >= 0x30 && c0 <= 0x39))) return invalid;
    const intStart = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    const pre = i > intStart;
    let value = pre ? Number(s.slice(intStart, i)) : 0;
    let post = false;
    if (i < n && s[i] === '.') {
      i++;
      const fracStart = i;
      while (i < n && isDigit(s.charCodeAt(i))) i++;
      post = i > fracStart;
      if (post) value += Number(`0.${s.slice(fracStart, i)}`);
    }
    if (!pre && !post) return invalid;
    const unitStart = i;
    while (i < n && !(s[i] === '.' || isDigit(s.charCodeAt(i)))) i++;
    if (i === unitStart) return { error: `time: missing unit in duration ${goQuote(text)}` };
    const unitText = s.slice(unitStart, i);
    const unit = UNITS[unitText];
    if (unit === undefined) {
      return { error: `time: unknown unit ${goQuote(unitText)} in duration ${goQuote(text)}` };
    }
    total += value * unit;
    if (total > MAX_NS) return invalid;
  }
  return { ns: neg ? -total : total };
}

/**
 * Go `time.ParseDuration` semantics, in milliseconds: units `ns us µs ms s m h`, compound values
 * (`1m30s`), fractions (`1.5s`), a sign, and a bare `0`. Returns null for anything Go rejects
 * (a number without a unit, an unknown unit, an empty string).
 *
 * @example
 * ```ts
 * parseDuration('1m30s') // 90000
 * parseDuration('500us') // 0.5
 * parseDuration('30') // null
 * ```
 */
export function parseDuration(text: string): number | null {
  const result = parseGoDuration(text);
  return 'ns' in result ? result.ns / 1e6 : null;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
