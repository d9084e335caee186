import { goQuote } from '../syntax/go-quote.js';
import { INSTRUCTION_KEYWORDS } from '../syntax/keywords.js';
import { isGoSpace, isSeparator, parseQuotedWords, unquoteFlagWord } from '../syntax/words.js';
import { EMPTY } from '../tree/frozen.js';
import type { Flag, InstructionNode } from '../tree/nodes.js';
import { jsonStrings, NOT_STRINGS } from './json-array.js';

/** How deep ONBUILD triggers nest before the rest of the line is left unread. */
const MAX_ONBUILD_DEPTH = 100;
const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';

/** An instruction's logical line split as BuildKit's line parsers split it. */
interface InstructionLine {
  /** Where the keyword as written (`splitCommand`'s first word) ends in the line. */
  readonly cmdEnd: number;
  readonly keyword: string;
  readonly flags: readonly Flag[];
  readonly args: readonly string[];
  readonly json: boolean;
  readonly trigger: InstructionNode | null;
}

/**
 * Where the line parsers' problems go: a code and a message each, in pairs. The parser turns
 * them into diagnostics located at the instruction; a flat list costs nothing when, as on
 * almost every line, there is no problem.
 */
export type ProblemSink = string[];

/**
 * BuildKit's `newNodeFromLine` on the logical line `src[from, to)`: `splitCommand`,
 * `extractBuilderFlags`, then the keyword's line parser. The line is read where it stands, so
 * a one-line instruction is parsed straight from the file's text; only the values the node
 * keeps are cut out of it.
 */
export function parseInstructionLine(
  src: string,
  from: number,
  to: number,
  escape: number,
  problems: ProblemSink,
  depth = 0,
): InstructionLine {
  while (from < to && isGoSpace(src.charCodeAt(from))) from++;
  while (to > from && isGoSpace(src.charCodeAt(to - 1))) to--;
  let k = from;
  while (k < to && !isSeparator(src.charCodeAt(k))) k++;
  const cmdEnd = k;
  const keyword = knownKeyword(src, from, k) ?? upperKeyword(src.slice(from, k));
  while (k < to && isSeparator(src.charCodeAt(k))) k++;
  while (k < to && isGoSpace(src.charCodeAt(k))) k++;
  let flags: readonly Flag[] = EMPTY;
  if (k + 1 < to && src.charCodeAt(k) === 0x2d && src.charCodeAt(k + 1) === 0x2d) {
    const found: Flag[] = [];
    k = extractFlags(src, k, to, found);
    if (found.length > 0) flags = Object.freeze(found);
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
        args = Object.freeze(parseWords(src, k, to, escape));
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
          const inner = parseInstructionLine(src, k, to, escape, problems, depth + 1);
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
  return { cmdEnd, keyword, flags, args, json, trigger };
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
  return strings.length === 0 ? EMPTY : Object.freeze(strings);
}

/** `regexp.Split(s, -1)` on `[\t\v\f\r ]+`, as BuildKit splits FROM, EXPOSE and word lists. */
function splitSeparated(src: string, from: number, to: number): readonly string[] {
  const out: string[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (isSeparator(src.charCodeAt(i))) {
      out.push(src.slice(start, i));
      while (i + 1 < to && isSeparator(src.charCodeAt(i + 1))) i++;
      start = i + 1;
    }
  }
  out.push(src.slice(start, to));
  return Object.freeze(out);
}

/**
 * BuildKit's `parseWords` on `src[from, to)`: words split on unquoted white space, quotes and
 * escapes kept (they are removed later, per instruction). Used for ENV, LABEL and ARG.
 */
function parseWords(src: string, from: number, to: number, escape: number): string[] {
  const words: string[] = [];
  let start = -1;
  for (let pos = from; pos < to; pos++) {
    const code = src.charCodeAt(pos);
    // Quotes or the escape character: the general reader.
    if (code === 0x22 || code === 0x27 || code === escape) {
      return parseQuotedWords(src.slice(from, to), escape);
    }
    if (isGoSpace(code)) {
      if (start >= 0) words.push(src.slice(start, pos));
      start = -1;
    } else if (start < 0) start = pos;
  }
  if (start >= 0) words.push(src.slice(start, to));
  return words;
}

/** parseNameVal: `k=v …`, or the legacy `k v` where the whole rest is the value. */
function nameValues(
  keyword: string,
  src: string,
  from: number,
  to: number,
  escape: number,
  problems: ProblemSink,
): readonly string[] {
  const words = parseWords(src, from, to, escape);
  if (words.length === 0) return EMPTY;
  if (!words[0]!.includes('=')) {
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
  const out: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq === -1) {
      problems.push(
        'InvalidArguments',
        `Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`,
      );
      return EMPTY;
    }
    out.push(word.slice(0, eq), word.slice(eq + 1), '=');
  }
  return Object.freeze(out);
}

const upperKeywords = new Map<string, string>();

/** The upper-cased keyword, remembered: a file repeats a handful of keywords many times. */
function upperKeyword(cmd: string): string {
  let upper = upperKeywords.get(cmd);
  if (upper === undefined) {
    upper = cmd.toUpperCase();
    if (upperKeywords.size < 256) upperKeywords.set(cmd, upper);
  }
  return upper;
}

/**
 * The keyword at [from, to) when it is one of BuildKit's, written in upper case: found without
 * cutting a string out of the text (most files write every keyword this way). The length and
 * first two characters pick the only candidate; every character is then compared (the key
 * folds them, so other characters can share it).
 */
function knownKeyword(text: string, from: number, to: number): string | undefined {
  const keyword = KEYWORD_BY_PREFIX.get(keywordKey(to - from, text, from));
  if (keyword === undefined) return undefined;
  for (let i = 0; i < keyword.length; i++) {
    if (text.charCodeAt(from + i) !== keyword.charCodeAt(i)) return undefined;
  }
  return keyword;
}

function keywordKey(length: number, text: string, at: number): number {
  return (length << 16) | (text.charCodeAt(at) << 8) | text.charCodeAt(at + 1);
}

const KEYWORD_BY_PREFIX = new Map(
  INSTRUCTION_KEYWORDS.map((k) => [keywordKey(k.length, k, 0), k] as const),
);

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
