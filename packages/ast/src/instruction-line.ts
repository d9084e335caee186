import { goQuote } from './go-quote.js';
import type { Diagnostic, Flag, InstructionNode, Point, Severity } from './nodes.js';
import {
  extractFlagWords,
  flagFromWord,
  isGoSpace,
  isSeparator,
  parseWords,
  splitSeparated,
  trimGoSpace,
  trimGoSpaceLeft,
} from './words.js';

export const EMPTY: readonly never[] = Object.freeze([]);
/** How deep ONBUILD triggers nest before the rest of the line is left unread. */
const MAX_ONBUILD_DEPTH = 100;
const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';

/** An instruction's logical line split as BuildKit's line parsers split it. */
export interface InstructionLine {
  /** The keyword as written (`splitCommand`'s first word). */
  readonly cmd: string;
  readonly keyword: string;
  readonly flags: readonly Flag[];
  readonly args: readonly string[];
  readonly json: boolean;
  readonly trigger: InstructionNode | null;
}

/**
 * BuildKit's `newNodeFromLine`: `splitCommand`, `extractBuilderFlags`, then the keyword's line
 * parser. Problems the line parsers find (a JSON array of non-strings, a bad name/value list)
 * are pushed to `sink`, located at `start`–`end`.
 */
export function parseInstructionLine(
  logical: string,
  escape: number,
  start: Point,
  end: Point,
  sink: Diagnostic[],
  depth = 0,
): InstructionLine {
  const line = trimGoSpace(logical);
  let k = 0;
  while (k < line.length && !isSeparator(line.charCodeAt(k))) k++;
  const cmd = line.slice(0, k);
  while (k < line.length && isSeparator(line.charCodeAt(k))) k++;
  let flags: readonly Flag[] = EMPTY;
  let rest = '';
  if (k < line.length) {
    const extracted = extractFlagWords(line.slice(k));
    if (extracted.words.length > 0) flags = Object.freeze(extracted.words.map(flagFromWord));
    rest = trimGoSpace(extracted.rest);
  }
  const keyword = upperKeyword(cmd);
  const at = { start, end, sink };
  let args: readonly string[] = EMPTY;
  let json = false;
  let trigger: InstructionNode | null = null;
  switch (keyword) {
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL':
      ({ args, json } = maybeJson(rest, false, at));
      break;
    case 'ADD':
    case 'COPY':
    case 'VOLUME':
      ({ args, json } = maybeJson(rest, true, at));
      break;
    case 'FROM':
    case 'EXPOSE':
      if (rest !== '') args = Object.freeze(splitSeparated(rest));
      break;
    case 'ENV':
    case 'LABEL':
      args = nameValues(keyword, rest, escape, at);
      break;
    case 'ARG':
      args = Object.freeze(parseWords(rest, escape));
      break;
    case 'USER':
    case 'WORKDIR':
    case 'STOPSIGNAL':
    case 'MAINTAINER':
      if (rest !== '') args = Object.freeze([rest]);
      break;
    case 'HEALTHCHECK':
      ({ args, json } = healthcheck(rest, at));
      break;
    case 'ONBUILD':
      // BuildKit nests ONBUILD triggers without limit, then rejects any trigger that is itself
      // ONBUILD. Past MAX_ONBUILD_DEPTH (a file BuildKit rejects either way) the chain stops,
      // so no line, however long, can overflow the stack of whatever walks the triggers.
      if (rest !== '' && depth < MAX_ONBUILD_DEPTH) {
        const inner = parseInstructionLine(rest, escape, start, end, sink, depth + 1);
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
  return { cmd, keyword, flags, args, json, trigger };
}

/** Where a line parser's problems go. */
interface At {
  readonly start: Point;
  readonly end: Point;
  readonly sink: Diagnostic[];
}

/** parseMaybeJSON / parseMaybeJSONToList. */
function maybeJson(
  rest: string,
  toList: boolean,
  at: At,
): { args: readonly string[]; json: boolean } {
  if (rest === '') return { args: EMPTY, json: false };
  const parsed = parseJsonArray(rest);
  if (parsed === NOT_STRING_ARRAY) {
    report(at, 'error', 'JsonNotStringArray', NOT_STRING_ARRAY);
  } else if (parsed !== null) {
    return { args: Object.freeze(parsed), json: true };
  }
  return { args: Object.freeze(toList ? splitSeparated(rest) : [rest]), json: false };
}

/** parseNameVal: `k=v …`, or the legacy `k v` where the whole rest is the value. */
function nameValues(keyword: string, rest: string, escape: number, at: At): readonly string[] {
  const words = parseWords(rest, escape);
  if (words.length === 0) return EMPTY;
  if (!words[0]!.includes('=')) {
    let k = 0;
    while (k < rest.length && !isSeparator(rest.charCodeAt(k))) k++;
    if (k === rest.length) {
      report(at, 'error', 'InvalidArguments', `${keyword} must have two arguments`);
      return EMPTY;
    }
    const key = rest.slice(0, k);
    while (k < rest.length && isSeparator(rest.charCodeAt(k))) k++;
    return Object.freeze([key, rest.slice(k), '']);
  }
  const out: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq === -1) {
      report(
        at,
        'error',
        'InvalidArguments',
        `Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`,
      );
      return EMPTY;
    }
    out.push(word.slice(0, eq), word.slice(eq + 1), '=');
  }
  return Object.freeze(out);
}

/** parseHealthConfig: the type word, then parseMaybeJSON of the rest. */
function healthcheck(rest: string, at: At): { args: readonly string[]; json: boolean } {
  if (rest === '') return { args: EMPTY, json: false };
  let sep = 0;
  while (sep < rest.length && !isGoSpace(rest.charCodeAt(sep))) sep++;
  const type = rest.slice(0, sep);
  const command = maybeJson(trimGoSpaceLeft(rest.slice(sep)), false, at);
  return { args: Object.freeze([type, ...command.args]), json: command.json };
}

/**
 * The Go `json.Unmarshal` into `[]interface{}` that decides exec form: the array's strings,
 * `null` when the text is not a JSON array (shell form then), or the not-strings error.
 */
function parseJsonArray(rest: string): string[] | null | typeof NOT_STRING_ARRAY {
  if (rest.charCodeAt(0) !== 0x5b) return null;
  let value: unknown;
  try {
    value = JSON.parse(rest);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  for (const item of value) if (typeof item !== 'string') return NOT_STRING_ARRAY;
  return value as string[];
}

function report(at: At, severity: Severity, code: string, message: string): void {
  at.sink.push(diagnostic(severity, code, message, at.start, at.end));
}

/** A frozen diagnostic over `start`–`end`. */
export function diagnostic(
  severity: Severity,
  code: string,
  message: string,
  start: Point,
  end: Point,
): Diagnostic {
  return Object.freeze({ severity, code, message, position: Object.freeze({ start, end }) });
}

// Points are not frozen on their own: they are only reachable through a frozen position, and
// freezing two more objects per node costs a measurable share of the parse.
export function point(line: number, column: number, offset: number): Point {
  return { line, column, offset };
}

const upperKeywords = new Map<string, string>();

/** The upper-cased keyword, remembered: a file repeats a handful of keywords many times. */
export function upperKeyword(cmd: string): string {
  let upper = upperKeywords.get(cmd);
  if (upper === undefined) {
    upper = cmd.toUpperCase();
    if (upperKeywords.size < 256) upperKeywords.set(cmd, upper);
  }
  return upper;
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

/**
 * The logical line of the instruction whose keyword starts at `ts` and whose lines end at
 * `end`: continuation lines joined (escape character dropped, the next line's indent kept),
 * comment and empty lines inside the continuation dropped, as BuildKit's scanner joins them.
 */
export function logicalLine(text: string, escape: number, ts: number, end: number): string {
  let from = ts;
  let logical = '';
  let first = true;
  while (from < end) {
    let le = text.indexOf('\n', from);
    if (le === -1 || le > end) le = end;
    const next = le < end ? le + 1 : end;
    let ce = le;
    while (ce > from && text.charCodeAt(ce - 1) === 0x0d) ce--;
    if (!first) {
      let cts = from;
      while (cts < ce && isGoSpace(text.charCodeAt(cts))) cts++;
      if (cts === ce || text.charCodeAt(cts) === 0x23) {
        from = next;
        continue;
      }
    }
    first = false;
    const cont = continuationAt(text, escape, from, ce);
    logical += text.slice(from, cont < 0 ? ce : cont);
    if (cont < 0) break;
    from = next;
  }
  return logical;
}
