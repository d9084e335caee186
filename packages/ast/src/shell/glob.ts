/**
 * Globs (`${v#…}`, `${v%…}`, `${v/…/…}`) run on a small Pike VM instead of a JavaScript RegExp:
 * BuildKit compiles them to Go RE2 expressions, which are linear-time and leftmost-first, and a
 * backtracking engine would be neither safe (`*a*a*a*…`) nor faithful for `//` with empty matches.
 */
import { LexFailure } from './lex-failure.js';
import { isDigit, isLetter, runeString } from './runes.js';

const EOF = -1;
const NL = 0x0a;
const DOLLAR = 0x24;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const QUESTION = 0x3f;
const UNDERSCORE = 0x5f;
const BOM = 0xfeff;

const T_ANY = -1;
const T_STAR = -2;

interface Threads {
  pc: Int32Array;
  start: Int32Array;
  n: number;
  mark: Int32Array;
  gen: number;
}

function threads(size: number): Threads {
  return {
    pc: new Int32Array(size),
    start: new Int32Array(size),
    n: 0,
    mark: new Int32Array(size),
    gen: 0,
  };
}

/**
 * A shell pattern as BuildKit's `convertShellPatternToRegex` reads it: `?` is one character, `*`
 * any run (shortest or longest, per `greedy`), neither crossing a newline (Go's `.`); `\*`, `\?`
 * and `\\` are literals; `\}` and `\/` are `}` and `/`; no bracket expressions.
 */
export class Glob {
  private readonly cur: Threads;
  private readonly next: Threads;
  private readonly lazy: Int32Array;
  private gen = 0;

  private constructor(
    /** Code points (>= 0), `T_ANY` or `T_STAR`. */
    private readonly tokens: Int32Array,
    private readonly greedy: boolean,
  ) {
    const size = tokens.length + 1;
    this.cur = threads(size);
    this.next = threads(size);
    this.lazy = new Int32Array(size);
  }

  /** Throws BuildKit's `invalid pattern (…) in substitution: invalid escape '\x'`. */
  static compile(pattern: string, greedy: boolean): Glob {
    const tokens: number[] = [];
    const len = pattern.length;
    // BuildKit scans the pattern with a fresh text/scanner, which drops a leading BOM.
    let i = pattern.charCodeAt(0) === BOM ? 1 : 0;
    while (i < len) {
      const cp = pattern.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      if (cp === STAR) tokens.push(T_STAR);
      else if (cp === QUESTION) tokens.push(T_ANY);
      else if (cp === BACKSLASH) {
        const next = i < len ? pattern.codePointAt(i)! : EOF;
        // `}` and `/` had to be escaped to get into the word; the backslash is not pattern.
        if (next === RBRACE || next === SLASH) continue;
        if (next !== EOF) i += next > 0xffff ? 2 : 1;
        if (next !== STAR && next !== QUESTION && next !== BACKSLASH) {
          throw new LexFailure(
            `invalid pattern (${pattern}) in substitution: invalid escape '\\${runeString(next)}'`,
          );
        }
        tokens.push(next);
      } else tokens.push(cp);
    }
    return new Glob(Int32Array.from(tokens), greedy);
  }

  /**
   * Leftmost-first match (Go regexp semantics) starting at or after `from`; with `anchored`
   * only at `from`. Returns `[start, end]` in code units.
   */
  search(text: string, from: number, anchored: boolean): [number, number] | undefined {
    const tokens = this.tokens;
    const m = tokens.length;
    const len = text.length;
    let cur = this.cur;
    let next = this.next;
    cur.n = 0;
    cur.gen = ++this.gen;
    let matchStart = -1;
    let matchEnd = -1;
    let i = from;
    for (;;) {
      if (matchEnd < 0 && (!anchored || i === from)) this.add(cur, 0, i);
      if (cur.n === 0) break;
      let cp = EOF;
      let width = 0;
      if (i < len) {
        cp = text.codePointAt(i)!;
        width = cp > 0xffff ? 2 : 1;
      }
      next.n = 0;
      next.gen = ++this.gen;
      for (let t = 0; t < cur.n; t++) {
        const pc = cur.pc[t]!;
        const start = cur.start[t]!;
        if (pc === m) {
          // A match: threads of lower priority are cut, higher ones may still match later.
          matchStart = start;
          matchEnd = i;
          break;
        }
        if (cp === EOF) continue;
        const token = tokens[pc]!;
        if (token === T_STAR) {
          if (cp !== NL) this.add(next, pc, start);
        } else if (token === T_ANY ? cp !== NL : token === cp) {
          this.add(next, pc + 1, start);
        }
      }
      if (cp === EOF) break;
      const swap = cur;
      cur = next;
      next = swap;
      i += width;
    }
    return matchEnd < 0 ? undefined : [matchStart, matchEnd];
  }

  /** Adds `pc` and its epsilon closure in priority order (a star prefers more when greedy). */
  private add(q: Threads, from: number, start: number): void {
    const tokens = this.tokens;
    const m = tokens.length;
    let pc = from;
    if (this.greedy) {
      while (q.mark[pc] !== q.gen) {
        q.mark[pc] = q.gen;
        q.pc[q.n] = pc;
        q.start[q.n++] = start;
        if (pc === m || tokens[pc] !== T_STAR) return;
        pc++;
      }
      return;
    }
    let k = 0;
    while (q.mark[pc] !== q.gen) {
      q.mark[pc] = q.gen;
      if (pc === m || tokens[pc] !== T_STAR) {
        q.pc[q.n] = pc;
        q.start[q.n++] = start;
        break;
      }
      this.lazy[k++] = pc++;
    }
    while (k > 0) {
      q.pc[q.n] = this.lazy[--k]!;
      q.start[q.n++] = start;
    }
  }

  /** `${v/glob/repl}`: the first match is replaced by the replacement text as it is. */
  replaceFirst(value: string, replacement: string): string {
    const match = this.search(value, 0, false);
    if (!match) return value;
    return value.slice(0, match[0]) + replacement + value.slice(match[1]);
  }

  /**
   * `${v//glob/repl}`: Go's `Regexp.ReplaceAllString`, so empty matches next to a previous match
   * are skipped and `$0`/`$$` in the replacement are expanded (`$name` and `$1` are empty).
   */
  replaceAll(value: string, replacement: string): string {
    const end = value.length;
    let out = '';
    let lastMatchEnd = 0;
    let searchPos = 0;
    while (searchPos <= end) {
      const match = this.search(value, searchPos, false);
      if (!match) break;
      out += value.slice(lastMatchEnd, match[0]);
      if (match[1] > lastMatchEnd || match[0] === 0) {
        out += expandTemplate(replacement, value, match[0], match[1]);
      }
      lastMatchEnd = match[1];
      const width = searchPos < end ? (value.codePointAt(searchPos)! > 0xffff ? 2 : 1) : 0;
      if (searchPos + width > match[1]) searchPos += width;
      else if (searchPos + 1 > match[1]) searchPos++;
      else searchPos = match[1];
    }
    return out + value.slice(lastMatchEnd);
  }
}

/** Go's `Regexp.Expand` for a pattern without groups: only `$0`/`${0}` and `$$` have meaning. */
function expandTemplate(template: string, text: string, start: number, end: number): string {
  if (template.indexOf('$') < 0) return template;
  const len = template.length;
  let out = '';
  let i = 0;
  for (;;) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) break;
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template.charCodeAt(i) === DOLLAR) {
      out += '$';
      i++;
      continue;
    }
    let j = i;
    const brace = template.charCodeAt(j) === LBRACE;
    if (brace) j++;
    const nameStart = j;
    while (j < len) {
      const cp = template.codePointAt(j)!;
      if (!isLetter(cp) && !isDigit(cp) && cp !== UNDERSCORE) break;
      j += cp > 0xffff ? 2 : 1;
    }
    // Malformed (`$-`, `${x`): Go keeps the `$` as text.
    if (j === nameStart || (brace && template.charCodeAt(j) !== RBRACE)) {
      out += '$';
      continue;
    }
    const name = template.slice(nameStart, j);
    i = brace ? j + 1 : j;
    if (name === '0') out += text.slice(start, end);
  }
  return out + template.slice(i);
}

/** `${v#glob}` and `${v##glob}`: cut the shortest (or longest) matching prefix. */
export function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const match = Glob.compile(pattern, greedy).search(value, 0, true);
  return match ? value.slice(match[1]) : value;
}

/**
 * `${v%glob}` and `${v%%glob}`. Like BuildKit, the value and the pattern are reversed and the
 * prefix is trimmed, so an error message shows the reversed pattern.
 */
export function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  return reverseString(trimPrefix(reversePattern(pattern), reverseString(value), greedy));
}

/** Reverses by code point. */
export function reverseString(text: string): string {
  return Array.from(text).reverse().join('');
}

/** Reverses a pattern but keeps each `\x` pair in order (`a\*c` becomes `c\*a`). */
export function reversePattern(pattern: string): string {
  const runes = Array.from(pattern);
  const last = runes.length - 1;
  const out: string[] = new Array(runes.length);
  for (let i = 0; i <= last; ) {
    const rune = runes[i]!;
    const at = last - i;
    if (rune === '\\' && i !== last) {
      out[at - 1] = rune;
      out[at] = runes[i + 1]!;
      i += 2;
    } else {
      out[at] = rune;
      i++;
    }
  }
  return out.join('');
}
