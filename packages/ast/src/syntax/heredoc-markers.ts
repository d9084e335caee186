import { isGoSpace, isReSpace } from './words.js';

export interface HeredocMarker {
  readonly name: string;
  readonly chomp: boolean;
  readonly quoted: boolean;
  readonly fd: number | null;
}

/**
 * The heredocs an instruction line opens, in order (BuildKit's `heredocsFromLine`): the line
 * is split into shell words with quotes and escapes kept, and each word that reads
 * `[fd]<<[-][ ]name` is a heredoc. `error` is set for a name with unbalanced quotes.
 */
export function findHeredocs(line: string): { heredocs: HeredocMarker[]; error: string | null } {
  const words = shellWords(line, true, true);
  const heredocs: HeredocMarker[] = [];
  if (typeof words === 'string') return { heredocs, error: null };
  for (const word of words) {
    const parsed = parseHeredocWord(word);
    if (parsed === null) continue;
    if (typeof parsed === 'string') return { heredocs: [], error: parsed };
    heredocs.push(parsed);
  }
  return { heredocs, error: null };
}

/**
 * One word against ``^(\d*)<<(-?)\s*([^<]*)$``; the name is the rest with quotes removed, and
 * the heredoc is quoted when removing quotes took any away. Returns an error message for
 * unbalanced quotes, null for a word that is not a heredoc.
 */
export function parseHeredocWord(word: string): HeredocMarker | string | null {
  let i = 0;
  while (i < word.length && word.charCodeAt(i) >= 0x30 && word.charCodeAt(i) <= 0x39) i++;
  const fdText = word.slice(0, i);
  if (word.charCodeAt(i) !== 0x3c || word.charCodeAt(i + 1) !== 0x3c) return null;
  i += 2;
  const chomp = word.charCodeAt(i) === 0x2d;
  if (chomp) i++;
  while (i < word.length && isReSpace(word.charCodeAt(i))) i++;
  const rest = word.slice(i);
  if (rest === '' || rest.includes('<')) return null;
  const plain = shellWords(rest, false, false);
  if (typeof plain === 'string') return plain;
  if (plain.length !== 1) return null;
  const raw = shellWords(rest, true, false);
  if (typeof raw === 'string') return raw;
  const name = plain[0]!;
  return {
    name,
    chomp,
    quoted: countQuotes(name) !== countQuotes(raw[0] ?? ''),
    fd: fdText === '' ? null : Number(fdText),
  };
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x27) n++;
  }
  return n;
}

/**
 * BuildKit's shell lexer in word mode with no environment and unset variables kept as
 * written (`SkipUnsetEnv`), the escape always `\`. Returns the words, or an error message.
 * Runs of plain characters are added to a word as slices of the text, not one by one.
 */
function shellWords(text: string, rawQuotes: boolean, rawEscapes: boolean): string[] | string {
  const words = new WordBuffer();
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x24) {
      // `$`: with no environment every reference stays as written, white space in it included.
      const end = dollarEnd(text, i);
      if (end < 0) return "syntax error: missing '}'";
      words.plain(text, i, end);
      i = end;
    } else if (c === 0x27) {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return 'unexpected end of statement while looking for matching single-quote';
      words.raw(rawQuotes ? text.slice(i, close + 1) : text.slice(i + 1, close));
      i = close + 1;
    } else if (c === 0x22) {
      const quoted = doubleQuoted(text, i, rawQuotes, rawEscapes);
      if (typeof quoted === 'string') return quoted;
      words.raw(quoted.text);
      i = quoted.end;
    } else if (c === 0x5c) {
      if (rawEscapes) words.raw('\\');
      if (i + 1 >= n) break;
      words.raw(text[i + 1]!);
      i += 2;
    } else if (c === 0x3c && text.charCodeAt(i + 1) === 0x3c) {
      // `<<` keeps the whitespace that follows it: `<< EOF` is one word.
      let j = i + 2;
      while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
      words.raw(text.slice(i, j));
      i = j;
    } else {
      // Plain characters up to the next one the lexer treats specially.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x24 || d === 0x27 || d === 0x22 || d === 0x5c) break;
        if (d === 0x3c && text.charCodeAt(j + 1) === 0x3c) break;
        j++;
      }
      words.plain(text, i, j);
      i = j;
    }
  }
  return words.done();
}

/** The words read so far and the one being read (lex.go's `wordsStruct`). */
class WordBuffer {
  private readonly words: string[] = [];
  private buf = '';
  /** Something was added to the current word, if only an empty quoted string. */
  private inWord = false;

  /** Text that is part of the word as it is. */
  raw(s: string): void {
    this.buf += s;
    this.inWord = true;
  }

  /** Unquoted characters `text[from, to)`: white space ends a word that holds something. */
  plain(text: string, from: number, to: number): void {
    let start = from;
    for (let i = from; i < to; i++) {
      if (!isGoSpace(text.charCodeAt(i))) continue;
      if (i > start) this.raw(text.slice(start, i));
      if (this.inWord && this.buf.length > 0) {
        this.words.push(this.buf);
        this.buf = '';
        this.inWord = false;
      }
      start = i + 1;
    }
    if (to > start) this.raw(text.slice(start, to));
  }

  done(): string[] {
    if (this.buf.length > 0) this.words.push(this.buf);
    return this.words;
  }
}

/**
 * The double-quoted string opening at `text[at]`: its text (quotes kept when `rawQuotes`) and
 * where it ends, or an error message. Inside, `\` escapes only `"`, `$` and `\`.
 */
function doubleQuoted(
  text: string,
  at: number,
  rawQuotes: boolean,
  rawEscapes: boolean,
): { text: string; end: number } | string {
  const n = text.length;
  let out = rawQuotes ? '"' : '';
  let j = at + 1;
  let start = j;
  for (;;) {
    if (j >= n) return 'unexpected end of statement while looking for matching double-quote';
    const d = text.charCodeAt(j);
    if (d === 0x22) {
      out += text.slice(start, j);
      if (rawQuotes) out += '"';
      return { text: out, end: j + 1 };
    }
    if (d === 0x24) {
      const end = dollarEnd(text, j);
      if (end < 0) return "syntax error: missing '}'";
      j = end;
      continue;
    }
    if (d === 0x5c) {
      out += text.slice(start, j);
      if (rawEscapes) out += '\\';
      j++;
      if (j < n) {
        const e = text.charCodeAt(j);
        if (e === 0x22 || e === 0x24 || e === 0x5c) {
          out += text[j];
          j++;
        } else {
          // Go writes the backslash itself again here, so raw mode keeps two.
          out += '\\';
        }
      }
      start = j;
      continue;
    }
    j++;
  }
}

/** The end of a `$name` or `${…}` reference starting at `i`, or -1 for a missing `}`. */
function dollarEnd(text: string, i: number): number {
  if (text.charCodeAt(i + 1) === 0x7b) {
    const close = text.indexOf('}', i + 2);
    return close < 0 ? -1 : close + 1;
  }
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (
      !(
        (c >= 0x30 && c <= 0x39) ||
        (c >= 0x41 && c <= 0x5a) ||
        (c >= 0x61 && c <= 0x7a) ||
        c === 0x5f
      )
    )
      break;
    j++;
  }
  return j;
}
