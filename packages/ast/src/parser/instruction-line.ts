import { goQuote } from '../syntax/go-quote.js';
import { isGoSpace, isSeparator, parseQuotedWords, unquoteFlagWord } from '../syntax/words.js';
import { EMPTY } from '../tree/frozen.js';
import type { Flag, InstructionNode } from '../tree/nodes.js';
import { jsonStrings, NOT_STRINGS } from './json-array.js';

/** How deep ONBUILD triggers nest before the rest of the line is left unread. */
const MAX_ONBUILD_DEPTH = 100;
const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';

/**
 * An instruction's logical line split as BuildKit's line parsers split it. The parser fills
 * one of these per instruction and copies the values into the node, so reading a line
 * allocates nothing but what the node keeps.
 */
export interface InstructionLine {
  /** Where the keyword as written (`splitCommand`'s first word) ends in the line. */
  cmdEnd: number;
  keyword: string;
  /** The keyword is written as it is (in upper case): the line holds it from its start. */
  keywordAsWritten: boolean;
  flags: readonly Flag[];
  args: readonly string[];
  json: boolean;
  trigger: InstructionNode | null;
}

/** An empty {@link InstructionLine} for {@link parseInstructionLine} to fill. */
export function instructionLine(): InstructionLine {
  return {
    cmdEnd: 0,
    keyword: '',
    keywordAsWritten: false,
    flags: EMPTY,
    args: EMPTY,
    json: false,
    trigger: null,
  };
}

/**
 * Where the line parsers' problems go: a code and a message each, in pairs. The parser turns
 * them into diagnostics located at the instruction; a flat list costs nothing when, as on
 * almost every line, there is no problem.
 */
export type ProblemSink = string[];

/**
 * BuildKit's `newNodeFromLine` on the logical line `src[from, to)`, into `line`:
 * `splitCommand`, `extractBuilderFlags`, then the keyword's line parser. The line is read where
 * it stands, so a one-line instruction is parsed straight from the file's text; only the values
 * the node keeps are cut out of it.
 */
export function parseInstructionLine(
  line: InstructionLine,
  src: string,
  from: number,
  to: number,
  escape: number,
  problems: ProblemSink,
  depth = 0,
): void {
  while (from < to && isGoSpace(src.charCodeAt(from))) from++;
  while (to > from && isGoSpace(src.charCodeAt(to - 1))) to--;
  // splitCommand's first word: a keyword written in upper case is known without a scan.
  const known = knownKeyword(src, from, to);
  let k = from;
  if (known !== undefined) k += known.length;
  else while (k < to && !isSeparator(src.charCodeAt(k))) k++;
  const cmdEnd = k;
  const keyword = known ?? src.slice(from, k).toUpperCase();
  while (k < to && isSeparator(src.charCodeAt(k))) k++;
  while (k < to && isGoSpace(src.charCodeAt(k))) k++;
  let flags: readonly Flag[] = EMPTY;
  if (k + 1 < to && src.charCodeAt(k) === 0x2d && src.charCodeAt(k + 1) === 0x2d) {
    const found: Flag[] = [];
    k = extractFlags(src, k, to, found);
    if (found.length > 0) flags = exact(found);
  }
  // `k` is where the arguments start, `to` where they end (both trimmed).
  let args: readonly string[] = EMPTY;
  let json = false;
  let trigger: InstructionNode | null = null;
  if (k < to) {
    switch (keyword) {
      case 'RUN':
      case 'CMD':
      case 'ENTRYPOINT':
      case 'SHELL':
        args = jsonArray(src, k, to, problems);
        if (args === NOT_JSON) args = Object.freeze([src.slice(k, to)]);
        else json = true;
        break;
      case 'ADD':
      case 'COPY':
      case 'VOLUME':
        args = jsonArray(src, k, to, problems);
        if (args === NOT_JSON) args = splitSeparated(src, k, to);
        else json = true;
        break;
      case 'FROM':
      case 'EXPOSE':
        args = splitSeparated(src, k, to);
        break;
      case 'ENV':
      case 'LABEL':
        args = nameValues(keyword, src, k, to, escape, problems);
        break;
      case 'ARG':
        args = parseWords(src, k, to, escape);
        break;
      case 'USER':
      case 'WORKDIR':
      case 'STOPSIGNAL':
      case 'MAINTAINER':
        args = Object.freeze([src.slice(k, to)]);
        break;
      case 'HEALTHCHECK': {
        // parseHealthConfig: the type word, then parseMaybeJSON of the rest.
        let sep = k;
        while (sep < to && !isGoSpace(src.charCodeAt(sep))) sep++;
        const type = src.slice(k, sep);
        while (sep < to && isGoSpace(src.charCodeAt(sep))) sep++;
        if (sep === to) {
          args = Object.freeze([type]);
          break;
        }
        const command = jsonArray(src, sep, to, problems);
        json = command !== NOT_JSON;
        args = Object.freeze(json ? [type, ...command] : [type, src.slice(sep, to)]);
        break;
      }
      case 'ONBUILD':
        // BuildKit nests ONBUILD triggers without limit, then rejects any trigger that is itself
        // ONBUILD. Past MAX_ONBUILD_DEPTH (a file BuildKit rejects either way) the chain stops,
        // so no line, however long, can overflow the stack of whatever walks the triggers.
        if (depth < MAX_ONBUILD_DEPTH) {
          const inner = instructionLine();
          parseInstructionLine(inner, src, k, to, escape, problems, depth + 1);
          trigger = Object.freeze({
            type: 'instruction',
            keyword: inner.keyword,
            flags: inner.flags,
            args: inner.args,
            json: inner.json,
            heredocs: EMPTY,
            trigger: inner.trigger,
          });
        }
        break;
    }
  }
  line.cmdEnd = cmdEnd;
  line.keyword = keyword;
  line.keywordAsWritten = known !== undefined;
  line.flags = flags;
  line.args = args;
  line.json = json;
  line.trigger = trigger;
}

/**
 * BuildKit's `extractBuilderFlags` from `src[at]` (a `--`): leading `--name[=value]` words,
 * with quotes removed and `\` escaping the next character (always `\`, whatever the escape
 * directive says). A bare `--` ends the flags. Returns where the arguments start.
 */
function extractFlags(src: string, at: number, to: number, out: Flag[]): number {
  let pos = at;
  for (;;) {
    while (pos < to && isGoSpace(src.charCodeAt(pos))) pos++;
    if (pos >= to || src.charCodeAt(pos) !== 0x2d || src.charCodeAt(pos + 1) !== 0x2d) return pos;
    const start = pos;
    let eq = -1;
    let plain = true;
    while (pos < to) {
      const c = src.charCodeAt(pos);
      if (isGoSpace(c)) break;
      if (c === 0x22 || c === 0x27 || c === 0x5c) plain = false;
      else if (c === 0x3d && eq < 0) eq = pos;
      pos++;
    }
    if (plain) {
      // The common case: the word as written is the flag, cut straight from the line.
      if (pos - start === 2) return skipGoSpace(src, pos, to);
      out.push(
        Object.freeze(
          eq < 0
            ? { name: src.slice(start + 2, pos), value: null }
            : { name: src.slice(start + 2, eq), value: src.slice(eq + 1, pos) },
        ),
      );
      continue;
    }
    // Quotes or escapes: unquote the word (it may run past white space inside quotes).
    const word = unquoteFlagWord(src, start, to);
    pos = word.end;
    if (word.text === '--') return skipGoSpace(src, pos, to);
    if (word.keep) out.push(flagFromWord(word.text));
  }
}

function skipGoSpace(src: string, pos: number, to: number): number {
  while (pos < to && isGoSpace(src.charCodeAt(pos))) pos++;
  return pos;
}

/** Splits a BuildKit flag word (`--from=build`) into a {@link Flag}. */
function flagFromWord(word: string): Flag {
  const body = word.startsWith('--') ? word.slice(2) : word;
  const eq = body.indexOf('=');
  return Object.freeze(
    eq === -1
      ? { name: body, value: null }
      : { name: body.slice(0, eq), value: body.slice(eq + 1) },
  );
}

/**
 * `items` frozen with no spare room: an array grown by `push` keeps room for 17 items, and a
 * node keeps its arrays for as long as it lives.
 */
function exact<T>(items: T[]): readonly T[] {
  return Object.freeze(items.length === 0 ? EMPTY : items.slice());
}

/** The arguments are not a JSON array: shell form. */
const NOT_JSON: readonly string[] = Object.freeze([]);

/**
 * parseMaybeJSON: the array's strings when `src[from, to)` is a JSON array of strings (exec
 * form), else {@link NOT_JSON}; an array holding anything but strings is reported.
 */
function jsonArray(
  src: string,
  from: number,
  to: number,
  problems: ProblemSink,
): readonly string[] {
  const strings = jsonStrings(src, from, to);
  if (strings === null) return NOT_JSON;
  if (strings === NOT_STRINGS) {
    problems.push('JsonNotStringArray', NOT_STRING_ARRAY);
    return NOT_JSON;
  }
  return strings.length === 0 ? EMPTY : exact(strings);
}

/**
 * `regexp.Split(s, -1)` on `[\t\v\f\r ]+`, as BuildKit splits FROM, EXPOSE and word lists. One
 * pass; a list of several words is copied to an array of its size (the node keeps it).
 */
function splitSeparated(src: string, from: number, to: number): readonly string[] {
  let i = from;
  while (i < to && !isSeparator(src.charCodeAt(i))) i++;
  if (i === to) return Object.freeze([src.slice(from, to)]);
  const out = [src.slice(from, i)];
  while (i < to) {
    while (i < to && isSeparator(src.charCodeAt(i))) i++;
    const start = i;
    while (i < to && !isSeparator(src.charCodeAt(i))) i++;
    out.push(src.slice(start, i));
  }
  return exact(out);
}

/**
 * BuildKit's `parseWords` on `src[from, to)`: words split on unquoted white space, quotes and
 * escapes kept (they are removed later, per instruction). Used for ARG.
 */
function parseWords(src: string, from: number, to: number, escape: number): readonly string[] {
  const count = plainWordCount(src, from, to, escape);
  if (count < 0) return exact(parseQuotedWords(src.slice(from, to), escape));
  const out = new Array<string>(count);
  let n = 0;
  for (let pos = from; pos < to; ) {
    while (pos < to && isGoSpace(src.charCodeAt(pos))) pos++;
    const start = pos;
    while (pos < to && !isGoSpace(src.charCodeAt(pos))) pos++;
    if (pos > start) out[n++] = src.slice(start, pos);
  }
  return Object.freeze(out);
}

/**
 * The words of `src[from, to)`, split at Go's white space, or -1 when it holds a quote or the
 * escape character (its words need quote handling). One pass answers both.
 */
function plainWordCount(src: string, from: number, to: number, escape: number): number {
  let count = 0;
  let inWord = false;
  for (let pos = from; pos < to; pos++) {
    const code = src.charCodeAt(pos);
    if (code === 0x22 || code === 0x27 || code === escape) return -1;
    const space = isGoSpace(code);
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/**
 * parseNameVal: `k=v …` as key, value, `=` triplets, or the legacy `k v` where the whole rest
 * is the value. Words without quotes or escapes are cut from the line where they stand.
 */
function nameValues(
  keyword: string,
  src: string,
  from: number,
  to: number,
  escape: number,
  problems: ProblemSink,
): readonly string[] {
  if (from >= to) return EMPTY;
  const count = plainWordCount(src, from, to, escape);
  if (count < 0) {
    return wordValues(
      keyword,
      parseQuotedWords(src.slice(from, to), escape),
      src,
      from,
      to,
      problems,
    );
  }
  // The first word decides the form (the line is trimmed, so it starts at `from`).
  let end = from;
  let equals = false;
  for (; end < to; end++) {
    const c = src.charCodeAt(end);
    if (isGoSpace(c)) break;
    if (c === 0x3d) equals = true;
  }
  if (!equals) return legacyValue(keyword, src, from, to, problems);
  const out = new Array<string>(count * 3);
  let n = 0;
  for (let pos = from; pos < to; ) {
    while (pos < to && isGoSpace(src.charCodeAt(pos))) pos++;
    if (pos >= to) break;
    const start = pos;
    let eq = -1;
    while (pos < to) {
      const c = src.charCodeAt(pos);
      if (isGoSpace(c)) break;
      if (c === 0x3d && eq < 0) eq = pos;
      pos++;
    }
    if (eq < 0) return cannotFindEquals(src.slice(start, pos), problems);
    out[n++] = src.slice(start, eq);
    out[n++] = src.slice(eq + 1, pos);
    out[n++] = '=';
  }
  return Object.freeze(out);
}

/** {@link nameValues} of words read with their quotes and escapes. */
function wordValues(
  keyword: string,
  words: readonly string[],
  src: string,
  from: number,
  to: number,
  problems: ProblemSink,
): readonly string[] {
  if (words.length === 0) return EMPTY;
  if (!words[0]!.includes('=')) return legacyValue(keyword, src, from, to, problems);
  const out: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq === -1) return cannotFindEquals(word, problems);
    out.push(word.slice(0, eq), word.slice(eq + 1), '=');
  }
  return exact(out);
}

/** The legacy `ENV key value…`: the key, then the whole rest of the line as the value. */
function legacyValue(
  keyword: string,
  src: string,
  from: number,
  to: number,
  problems: ProblemSink,
): readonly string[] {
  let k = from;
  while (k < to && !isSeparator(src.charCodeAt(k))) k++;
  if (k === to) {
    problems.push('InvalidArguments', `${keyword} must have two arguments`);
    return EMPTY;
  }
  const key = src.slice(from, k);
  while (k < to && isSeparator(src.charCodeAt(k))) k++;
  return Object.freeze([key, src.slice(k, to), '']);
}

function cannotFindEquals(word: string, problems: ProblemSink): readonly string[] {
  problems.push(
    'InvalidArguments',
    `Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`,
  );
  return EMPTY;
}

/**
 * The keyword starting the line `[from, to)` when it is one of BuildKit's written in upper case
 * and is the whole first word (a separator or the end follows): found without cutting a string
 * out of the text (most files write every keyword this way). The first characters pick the
 * only candidate; its other characters and the separator after it are then compared.
 */
export function knownKeyword(text: string, from: number, to: number): string | undefined {
  const keyword = keywordCandidate(text, from);
  if (keyword === undefined) return undefined;
  const end = from + keyword.length;
  if (end > to || (end < to && !isSeparator(text.charCodeAt(end)))) return undefined;
  for (let i = 1; i < keyword.length; i++) {
    if (text.charCodeAt(from + i) !== keyword.charCodeAt(i)) return undefined;
  }
  return keyword;
}

/** The one keyword that can start `text` at `at`, told apart by its first characters. */
function keywordCandidate(text: string, at: number): string | undefined {
  switch (text.charCodeAt(at)) {
    case 0x41: // A
      return text.charCodeAt(at + 1) === 0x44 ? 'ADD' : 'ARG';
    case 0x43: // C
      return text.charCodeAt(at + 1) === 0x4d ? 'CMD' : 'COPY';
    case 0x45: // E
      if (text.charCodeAt(at + 1) === 0x58) return 'EXPOSE';
      return text.charCodeAt(at + 2) === 0x56 ? 'ENV' : 'ENTRYPOINT';
    case 0x46: // F
      return 'FROM';
    case 0x48: // H
      return 'HEALTHCHECK';
    case 0x4c: // L
      return 'LABEL';
    case 0x4d: // M
      return 'MAINTAINER';
    case 0x4f: // O
      return 'ONBUILD';
    case 0x52: // R
      return 'RUN';
    case 0x53: // S
      return text.charCodeAt(at + 1) === 0x48 ? 'SHELL' : 'STOPSIGNAL';
    case 0x55: // U
      return 'USER';
    case 0x56: // V
      return 'VOLUME';
    case 0x57: // W
      return 'WORKDIR';
    default:
      return undefined;
  }
}

/**
 * BuildKit's continuation pattern ``([^E])E[ \t]*$|^E[ \t]*$``: the line `[from, to)` ends
 * with the escape character (spaces and tabs after it allowed) that is not itself escaped.
 * Returns where the line's text ends without it, or -1 when the line does not continue.
 */
export function continuationAt(text: string, escape: number, from: number, to: number): number {
  let e = to;
  while (e > from && (text.charCodeAt(e - 1) === 0x20 || text.charCodeAt(e - 1) === 0x09)) e--;
  if (e > from && text.charCodeAt(e - 1) === escape) {
    if (e - 1 === from || text.charCodeAt(e - 2) !== escape) return e - 1;
  }
  return -1;
}
