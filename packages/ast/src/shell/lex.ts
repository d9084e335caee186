/**
 * The engine behind `expand`: BuildKit's shell word processor (`frontend/dockerfile/shell/lex.go`),
 * rewritten as one pass over UTF-16 code units with a cursor shared by nested `${…}` words, as
 * BuildKit shares its `text/scanner`. Internal: the public surface is `expand.ts`. The globs of
 * `${v#…}`, `${v%…}` and `${v/…/…}` are matched by `glob.ts`.
 */

import { isGoSpace } from '../syntax/words.js';
import { ExpansionError } from './expansion-error.js';
import { Glob, trimPrefix, trimSuffix } from './glob.js';
import { LexFailure } from './lex-failure.js';
import { isDigit, isLetter, runeString } from './runes.js';

/** Look up one variable; `undefined` means unset (BuildKit's `EnvGetter.Get` returning false). */
export type EnvLookup = (name: string) => string | undefined;

/** The Lex switches of BuildKit, with the escape token as a char code. */
export interface LexConfig {
  readonly escape: number;
  readonly rawQuotes: boolean;
  readonly rawEscapes: boolean;
  readonly skipProcessQuotes: boolean;
  readonly skipUnsetEnv: boolean;
}

/** What one pass produced; `words` and the match sets only when asked for. */
interface LexOutput {
  readonly result: string;
  readonly words: string[] | undefined;
  readonly matched: Set<string> | undefined;
  readonly unmatched: Set<string> | undefined;
}

const EOF = -1;
const DOLLAR = 0x24;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const COLON = 0x3a;
const SLASH = 0x2f;
const STAR = 0x2a;
const QUESTION = 0x3f;
const PLUS = 0x2b;
const MINUS = 0x2d;
const HASH = 0x23;
const PERCENT = 0x25;
const UNDERSCORE = 0x5f;
const BOM = 0xfeff;

const MISSING_BRACE = "syntax error: missing '}'";
const MISSING_SLASH = "syntax error: missing '/' in ${}";

/** POSIX special parameters (`$@`, `$#`, …) that lex.go reads as one-character names. */
function isSpecialParam(cp: number): boolean {
  return (
    cp === 0x40 || // @
    cp === STAR ||
    cp === HASH ||
    cp === QUESTION ||
    cp === MINUS ||
    cp === DOLLAR ||
    cp === 0x21 || // !
    cp === 0x30 // 0
  );
}

/** Word splitting state: lex.go's `wordsStruct`. */
class Words {
  word = '';
  readonly words: string[] = [];
  inWord = false;

  /** An unquoted, unescaped code unit: whitespace ends a word. */
  addChar(cu: number): void {
    if (isGoSpace(cu)) {
      // BuildKit only ends a word that has text, so an empty quoted word ("") vanishes.
      if (this.inWord && this.word.length !== 0) {
        this.words.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else {
      this.word += String.fromCharCode(cu);
      this.inWord = true;
    }
  }

  /** Expanded text is split like unquoted text (`$v` with spaces makes several words). */
  addString(text: string): void {
    for (let i = 0; i < text.length; i++) this.addChar(text.charCodeAt(i));
  }

  /** Quoted or escaped text is kept whole. */
  addRaw(text: string): void {
    this.word += text;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.word.length > 0) {
      this.words.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class ShellWord {
  private pos = 0;
  /** lex.go's `sw.rawEscapes`: switched per nested word (on for globs, off for `-`/`+`/`?`). */
  private raw: boolean;
  private readonly escChar: string;
  readonly matched: Set<string> | undefined;
  readonly unmatched: Set<string> | undefined;

  constructor(
    private readonly src: string,
    private readonly lookup: EnvLookup,
    private readonly config: LexConfig,
    capture: boolean,
  ) {
    this.raw = config.rawEscapes;
    this.escChar = String.fromCharCode(config.escape);
    this.matched = capture ? new Set() : undefined;
    this.unmatched = capture ? new Set() : undefined;
    // Go's text/scanner drops a byte order mark at the very start of its input.
    if (src.charCodeAt(0) === BOM) this.pos = 1;
  }

  run(collectWords: boolean): { result: string; words: string[] | undefined } {
    const words = collectWords ? new Words() : undefined;
    const result = this.stopOn(EOF, this.config.rawEscapes, words);
    return { result, words: words?.finish() };
  }

  /** lex.go's `processStopOn`: read up to `stop` (consumed) or the end of the word. */
  private stopOn(stop: number, raw: boolean, words: Words | undefined): string {
    const saved = this.raw;
    this.raw = raw;
    const src = this.src;
    const len = src.length;
    const esc = this.config.escape;
    const quotes = !this.config.skipProcessQuotes;
    let out = '';
    while (this.pos < len) {
      const ch = src.charCodeAt(this.pos);
      if (ch === stop) {
        this.pos++;
        this.raw = saved;
        return out;
      }
      if (ch === DOLLAR) {
        const value = this.dollar();
        out += value;
        words?.addString(value);
        continue;
      }
      if (quotes && (ch === SQUOTE || ch === DQUOTE)) {
        const value = ch === SQUOTE ? this.singleQuote() : this.doubleQuote();
        out += value;
        words?.addRaw(value);
        continue;
      }
      if (ch === esc) {
        this.pos++;
        if (raw) {
          out += this.escChar;
          words?.addRaw(this.escChar);
        }
        // The escape char escapes anything, and a trailing one is dropped.
        if (this.pos >= len) break;
        const next = src.charAt(this.pos++);
        out += next;
        words?.addRaw(next);
        continue;
      }
      let end = this.pos + 1;
      while (end < len) {
        const c = src.charCodeAt(end);
        if (c === stop || c === DOLLAR || c === esc || (quotes && (c === SQUOTE || c === DQUOTE))) {
          break;
        }
        end++;
      }
      if (words) for (let i = this.pos; i < end; i++) words.addChar(src.charCodeAt(i));
      out += src.slice(this.pos, end);
      this.pos = end;
    }
    if (stop !== EOF) {
      throw new LexFailure(
        `unexpected end of statement while looking for matching ${String.fromCharCode(stop)}`,
      );
    }
    this.raw = saved;
    return out;
  }

  /** A nested word inside `${…}`; running out of input is reported as the missing delimiter. */
  private nested(stop: number, raw: boolean, missing: string): string {
    try {
      return this.stopOn(stop, raw, undefined);
    } catch (error) {
      // lex.go replaces any nested error with the syntax error once the scanner is at EOF.
      if (error instanceof LexFailure && this.pos >= this.src.length) {
        throw new LexFailure(missing);
      }
      throw error;
    }
  }

  /** Everything up to the next `'` is literal; no escapes at all. */
  private singleQuote(): string {
    const src = this.src;
    const start = this.pos + 1;
    const close = src.indexOf("'", start);
    if (close < 0) {
      this.pos = src.length;
      throw new LexFailure('unexpected end of statement while looking for matching single-quote');
    }
    this.pos = close + 1;
    return this.config.rawQuotes ? src.slice(start - 1, close + 1) : src.slice(start, close);
  }

  /** `$` expands; the escape char escapes only `"`, `$` and itself, else it stays. */
  private doubleQuote(): string {
    const src = this.src;
    const len = src.length;
    const esc = this.config.escape;
    this.pos++;
    let out = this.config.rawQuotes ? '"' : '';
    for (;;) {
      if (this.pos >= len) {
        throw new LexFailure('unexpected end of statement while looking for matching double-quote');
      }
      const ch = src.charCodeAt(this.pos);
      if (ch === DQUOTE) {
        this.pos++;
        return this.config.rawQuotes ? `${out}"` : out;
      }
      if (ch === DOLLAR) {
        out += this.dollar();
        continue;
      }
      if (ch === esc) {
        this.pos++;
        // With raw escapes an escape that escapes nothing is written twice: lex.go writes the
        // raw copy first and then the escape char itself as the literal.
        if (this.raw) out += this.escChar;
        if (this.pos >= len) continue;
        const next = src.charCodeAt(this.pos);
        if (next === DQUOTE || next === DOLLAR || next === esc) {
          this.pos++;
          out += String.fromCharCode(next);
        } else {
          out += this.escChar;
        }
        continue;
      }
      let end = this.pos + 1;
      while (end < len) {
        const c = src.charCodeAt(end);
        if (c === DQUOTE || c === DOLLAR || c === esc) break;
        end++;
      }
      out += src.slice(this.pos, end);
      this.pos = end;
    }
  }

  /** Reads one code point (Go's `scanner.Next`), or EOF without moving. */
  private nextRune(): number {
    if (this.pos >= this.src.length) return EOF;
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  /** lex.go's `processName`: digits, one special parameter, or letters/digits/underscores. */
  private name(): string {
    const src = this.src;
    const len = src.length;
    const start = this.pos;
    if (start >= len) return '';
    let cp = src.codePointAt(start)!;
    if (isDigit(cp)) {
      // Positional parameters: all the digits, so `$10` is one name and `$1x` is `$1` then x.
      do {
        this.pos += cp > 0xffff ? 2 : 1;
        if (this.pos >= len) break;
        cp = src.codePointAt(this.pos)!;
      } while (isDigit(cp));
      return src.slice(start, this.pos);
    }
    if (isSpecialParam(cp)) {
      this.pos++;
      return src.charAt(start);
    }
    while (this.pos < len) {
      cp = src.codePointAt(this.pos)!;
      if (!isLetter(cp) && !isDigit(cp) && cp !== UNDERSCORE) break;
      this.pos += cp > 0xffff ? 2 : 1;
    }
    return src.slice(start, this.pos);
  }

  private getEnv(name: string): string | undefined {
    const value = this.lookup(name);
    if (value === undefined) this.unmatched?.add(name);
    else this.matched?.add(name);
    return value;
  }

  /** lex.go's `processDollar`, entered at the `$`. */
  private dollar(): string {
    const src = this.src;
    const len = src.length;
    const skipUnset = this.config.skipUnsetEnv;
    this.pos++;
    if (this.pos >= len || src.charCodeAt(this.pos) !== LBRACE) {
      const name = this.name();
      // A `$` that starts no name is literal: `$.`, `$ `, trailing `$`.
      if (name === '') return '$';
      const value = this.getEnv(name);
      if (value === undefined) return skipUnset ? `$${name}` : '';
      return value;
    }
    this.pos++;
    if (this.pos >= len) throw new LexFailure(MISSING_BRACE);
    const first = src.charCodeAt(this.pos);
    if (first === LBRACE || first === RBRACE || first === COLON) {
      throw new LexFailure('syntax error: bad substitution');
    }
    const name = this.name();
    let ch = this.nextRune();
    let chs = runeString(ch);

    if (ch === RBRACE) {
      const value = this.getEnv(name);
      if (value === undefined) return skipUnset ? `\${${name}}` : '';
      return value;
    }
    if (ch === SLASH) return this.substitute(name);

    let nullIsUnset = false;
    if (ch === COLON) {
      // Whatever follows the colon is taken as the modifier (lex.go falls through), so
      // `${v:=x}` reads `x}` first and fails only afterwards, as "(:=)".
      nullIsUnset = true;
      ch = this.nextRune();
      chs += runeString(ch);
    } else if (ch !== PLUS && ch !== MINUS && ch !== QUESTION && ch !== HASH && ch !== PERCENT) {
      throw unsupported(chs);
    }
    const trim = ch === HASH || ch === PERCENT;
    // BuildKit 0.16+ rejects `${v:#…}` and `${v:%…}` before reading the word.
    if (nullIsUnset && trim) throw unsupported(chs);
    let word = this.nested(RBRACE, trim, MISSING_BRACE);

    const value = this.getEnv(name);
    if (value === undefined && skipUnset) return `\${${name}${chs}${word}}`;
    const empty = value === undefined || (nullIsUnset && value === '');
    switch (ch) {
      case MINUS:
        return empty ? word : (value as string);
      case PLUS:
        return empty ? '' : word;
      case QUESTION:
        if (value === undefined) {
          throw new LexFailure(`${name}: ${word === '' ? 'is not allowed to be unset' : word}`);
        }
        if (nullIsUnset && value === '') {
          throw new LexFailure(`${name}: ${word === '' ? 'is not allowed to be empty' : word}`);
        }
        return value;
      case HASH:
      case PERCENT: {
        // `#`/`%` remove the shortest match, `##`/`%%` the longest.
        let greedy = false;
        if (word.charCodeAt(0) === ch) {
          greedy = true;
          word = word.slice(1);
        }
        return ch === PERCENT
          ? trimSuffix(word, value ?? '', greedy)
          : trimPrefix(word, value ?? '', greedy);
      }
      default:
        throw unsupported(chs);
    }
  }

  /** `${v/glob/repl}` and `${v//glob/repl}`; the second `/` is required, as in BuildKit. */
  private substitute(name: string): string {
    const all = this.src.charCodeAt(this.pos) === SLASH;
    if (all) this.pos++;
    const pattern = this.nested(SLASH, true, MISSING_SLASH);
    const replacement = this.nested(RBRACE, true, MISSING_BRACE);
    const value = this.getEnv(name);
    // BuildKit writes the form back with a single `/` even for `//`.
    if (value === undefined && this.config.skipUnsetEnv) {
      return `\${${name}/${pattern}/${replacement}}`;
    }
    const glob = Glob.compile(pattern, true);
    return all
      ? glob.replaceAll(value ?? '', replacement)
      : glob.replaceFirst(value ?? '', replacement);
  }
}

function unsupported(chs: string): LexFailure {
  return new LexFailure(`unsupported modifier (${chs}) in substitution`);
}

/**
 * Runs BuildKit's `ProcessWord`/`ProcessWords`/`ProcessWordWithMatches` over `word`.
 * Throws `ExpansionError` for anything BuildKit reports as an error.
 */
export function processWord(
  word: string,
  lookup: EnvLookup,
  config: LexConfig,
  collectWords: boolean,
  capture: boolean,
): LexOutput {
  const sw = new ShellWord(word, lookup, config, capture);
  try {
    const { result, words } = sw.run(collectWords);
    return { result, words, matched: sw.matched, unmatched: sw.unmatched };
  } catch (error) {
    if (error instanceof LexFailure) throw new ExpansionError(word, error.reason);
    throw error;
  }
}
