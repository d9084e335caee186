import { DockerfileSyntaxError } from './errors.js';
import { goQuote } from './go-quote.js';
import { findHeredocs } from './heredoc-words.js';
import { INSTRUCTION_KEYWORDS } from './keywords.js';
import type {
  ChildNode,
  Diagnostic,
  DockerfileNode,
  EscapeChar,
  Flag,
  Heredoc,
  InstructionNode,
  Point,
  Position,
  Severity,
} from './nodes.js';
import { utf8Length } from './utf8-length.js';
import { validateInstruction } from './validate-instruction.js';
import {
  extractFlagWords,
  flagFromWord,
  isGoSpace,
  isReSpace,
  isSeparator,
  parseWords,
  splitSeparated,
  trimGoSpace,
  trimGoSpaceLeft,
} from './words.js';

export interface ParseOptions {
  /** The file name used in diagnostics and errors. */
  file?: string;
}

const EMPTY: readonly never[] = Object.freeze([]);
const KNOWN_KEYWORDS: ReadonlySet<string> = new Set(INSTRUCTION_KEYWORDS);
const HASH = 0x23;
const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
/** bufio.Scanner's limit: a line of more bytes than this (terminator included) is refused. */
const MAX_LINE_BYTES = 65536;
const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';

/**
 * Parses a Dockerfile the way BuildKit's frontend does, keeping every byte. Never throws:
 * problems (BuildKit's parse and instruction errors, the empty-continuation warning) are in
 * `tree.diagnostics`.
 *
 * @example
 * ```ts
 * const tree = parse('FROM node:22 AS build\nRUN npm ci\n', { file: 'Dockerfile' });
 * tree.children[0].keyword // 'FROM'
 * print(tree) === 'FROM node:22 AS build\nRUN npm ci\n' // true
 * ```
 */
export function parse(text: string, options: ParseOptions = {}): DockerfileNode {
  return new Parser(text, options.file).run();
}

/**
 * Like {@link parse}, but throws a {@link DockerfileSyntaxError} for the first error.
 *
 * @example
 * ```ts
 * parseStrict('FROM alpine\nRUNN echo\n', { file: 'Dockerfile' })
 * // throws DockerfileSyntaxError: Dockerfile:2:1: unknown instruction: RUNN (did you mean RUN?)
 * ```
 */
export function parseStrict(text: string, options: ParseOptions = {}): DockerfileNode {
  const tree = parse(text, options);
  const error = tree.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    throw new DockerfileSyntaxError(error.message, {
      line: error.position.start.line,
      column: error.position.start.column,
      file: options.file ?? 'Dockerfile',
    });
  }
  return tree;
}

class Parser {
  private readonly text: string;
  private readonly file: string | undefined;
  private readonly n: number;
  private readonly children: ChildNode[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private escape = BACKSLASH;
  private directivesDone = false;
  private readonly seenDirectives = new Set<string>();
  private seenFrom = false;
  /** `RUN --device` needs a `-labs` frontend named by the syntax directive. */
  private validateOptions: { labs: boolean } = { labs: false };

  // The physical line being read: [lineStart, contentEnd) is its text without the
  // terminator, [contentEnd, lineNext) the terminator.
  private pos = 0;
  private lineNo = 0;
  private lineStart = 0;
  private contentEnd = 0;
  private lineNext = 0;

  constructor(text: string, file: string | undefined) {
    this.text = text;
    this.file = file;
    this.n = text.length;
  }

  run(): DockerfileNode {
    const { text } = this;
    const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    this.pos = bom.length;
    let pendingStart = this.pos;
    let instructions = 0;

    while (this.nextLine()) {
      const ls = this.lineStart;
      const ce = this.contentEnd;
      let ts = ls;
      while (ts < ce && isGoSpace(text.charCodeAt(ts))) ts++;
      if (ts === ce) {
        // A blank line ends the directives (it cannot match the directive pattern).
        this.directivesDone = true;
        continue;
      }
      const before = text.slice(pendingStart, ls);
      if (text.charCodeAt(ts) === HASH) {
        this.commentLine(before, ts);
      } else {
        this.directivesDone = true;
        this.instruction(before, ts);
        instructions++;
      }
      pendingStart = this.lineNext;
    }

    if (instructions === 0) {
      const at = point(Math.max(this.lineNo, 1), 1, this.lineStart);
      this.report('error', 'NoInstructions', 'file with no instructions', at, at);
    }
    const eol = detectEol(text);
    return Object.freeze({
      type: 'dockerfile',
      children: Object.freeze(this.children),
      escape: (this.escape === BACKTICK ? '`' : '\\') as EscapeChar,
      diagnostics: Object.freeze(this.diagnostics),
      ...(this.file === undefined ? {} : { file: this.file }),
      position: Object.freeze({
        start: point(1, 1, 0),
        end: this.here(),
      }),
      raws: Object.freeze({ bom, after: text.slice(pendingStart), eol }),
    });
  }

  /** Advances to the next physical line; false at the end of the text. */
  private nextLine(): boolean {
    const { text } = this;
    if (this.pos >= this.n) return false;
    const ls = this.pos;
    let le = text.indexOf('\n', ls);
    if (le === -1) le = this.n;
    let ce = le;
    // BuildKit trims every trailing \r and \n of a line.
    while (ce > ls && text.charCodeAt(ce - 1) === 0x0d) ce--;
    this.lineNo++;
    this.lineStart = ls;
    this.contentEnd = ce;
    this.lineNext = le < this.n ? le + 1 : this.n;
    this.pos = this.lineNext;
    if (le - ls >= MAX_LINE_BYTES / 4 && utf8Length(text, ls, this.lineNext) > MAX_LINE_BYTES) {
      const start = point(this.lineNo, 1, ls);
      this.report(
        'error',
        'LineTooLong',
        `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES - 1}`,
        start,
        start,
      );
    }
    return true;
  }

  private commentLine(before: string, ts: number): void {
    const { text } = this;
    const source = text.slice(this.lineStart, this.lineNext);
    const position = this.linePosition(ts);
    if (!this.directivesDone) {
      const match = matchDirective(text, ts, this.contentEnd);
      if (match && (match.name === 'syntax' || match.name === 'escape' || match.name === 'check')) {
        this.directive(match.name, match.value, position);
        this.children.push(
          Object.freeze({
            type: 'directive',
            name: match.name,
            value: match.value,
            position,
            raws: Object.freeze({ before, source, value: `${match.name}=${match.value}` }),
          }),
        );
        return;
      }
      this.directivesDone = true;
    }
    const commentText = trimGoSpace(text.slice(ts + 1, this.contentEnd));
    this.children.push(
      Object.freeze({
        type: 'comment',
        text: commentText,
        position,
        raws: Object.freeze({ before, source, value: commentText }),
      }),
    );
  }

  private directive(name: string, value: string, position: Position): void {
    if (this.seenDirectives.has(name)) {
      this.report(
        'error',
        'DuplicateDirective',
        `only one ${name} parser directive can be used`,
        position.start,
        position.end,
      );
      return;
    }
    this.seenDirectives.add(name);
    if (name === 'syntax') this.validateOptions = { labs: /-labs\b/.test(value) };
    if (name !== 'escape') return;
    if (value === '`' || value === '\\') {
      this.escape = value.charCodeAt(0);
    } else {
      this.report(
        'error',
        'InvalidEscapeDirective',
        `invalid escape token '${value}' does not match \` or \\`,
        position.start,
        position.end,
      );
    }
  }

  private instruction(before: string, ts: number): void {
    const { text } = this;
    const ls = this.lineStart;
    const startLine = this.lineNo;
    const start = point(startLine, ts - ls + 1, ts);

    // The keyword as written: up to the first separator on the first line.
    let kwEnd = ts;
    while (kwEnd < this.contentEnd && !isSeparator(text.charCodeAt(kwEnd))) kwEnd++;

    // 1. The logical line: continuation lines joined, comments and empty lines inside dropped.
    let cont = this.continuationAt(text, ts, this.contentEnd);
    let logical = text.slice(ts, cont < 0 ? this.contentEnd : cont);
    let emptyContinuation: Point | null = null;
    while (cont >= 0 && this.nextLine()) {
      const cls = this.lineStart;
      const cce = this.contentEnd;
      let cts = cls;
      while (cts < cce && isGoSpace(text.charCodeAt(cts))) cts++;
      if (cts < cce && text.charCodeAt(cts) === HASH) continue;
      if (cts === cce) {
        emptyContinuation ??= point(this.lineNo, 1, cls);
        continue;
      }
      cont = this.continuationAt(text, cls, cce);
      logical += text.slice(cls, cont < 0 ? cce : cont);
    }
    let end = point(this.lineNo, this.contentEnd - this.lineStart + 1, this.contentEnd);
    if (emptyContinuation) {
      this.report(
        'warning',
        'NoEmptyContinuation',
        'Empty continuation lines will become errors in a future release',
        emptyContinuation,
        emptyContinuation,
      );
    }

    // 2. Keyword, flags and arguments, as BuildKit's line parsers split them.
    const built = this.buildNode(logical, start, end);
    const node = built.node;
    let heredocs: readonly Heredoc[] = EMPTY;

    // 3. Heredoc bodies follow the instruction's last line.
    const target = node.trigger ?? node;
    if (
      !target.json &&
      (target.keyword === 'RUN' || target.keyword === 'COPY' || target.keyword === 'ADD') &&
      logical.includes('<<')
    ) {
      const found = findHeredocs(logical);
      if (found.error !== null) {
        this.report('error', 'InvalidHeredoc', found.error, start, end);
      } else if (found.heredocs.length > 0) {
        const docs: Heredoc[] = [];
        for (const doc of found.heredocs) {
          const bodyStart = this.lineNext;
          let terminated = false;
          while (this.nextLine()) {
            let ts2 = this.lineStart;
            if (doc.chomp) while (ts2 < this.contentEnd && text.charCodeAt(ts2) === 0x09) ts2++;
            if (this.contentEnd - ts2 === doc.name.length && text.startsWith(doc.name, ts2)) {
              terminated = true;
              break;
            }
          }
          const bodyEnd = terminated ? this.lineStart : this.lineNext;
          docs.push(
            Object.freeze({
              name: doc.name,
              content: text.slice(bodyStart, bodyEnd),
              chomp: doc.chomp,
              quoted: doc.quoted,
              fd: doc.fd,
            }),
          );
          if (!terminated) {
            end = point(this.lineNo, this.contentEnd - this.lineStart + 1, this.contentEnd);
            this.report('error', 'UnterminatedHeredoc', 'unterminated heredoc', start, end);
            break;
          }
        }
        end = point(this.lineNo, this.contentEnd - this.lineStart + 1, this.contentEnd);
        heredocs = Object.freeze(docs);
      }
    }

    const position: Position = Object.freeze({ start, end });
    // Detached: a continuation splits the keyword, so it is not a plain prefix of the line.
    const cmd = built.cmd;
    const detached = kwEnd - ts !== cmd.length || !text.startsWith(cmd, ts);
    const { keyword, flags, args, json } = node;
    // BuildKit attaches an ONBUILD trigger's heredocs to the ONBUILD node; the trigger holds
    // them too, so it reads (and views) like the instruction it will become.
    const trigger =
      node.trigger && heredocs.length > 0
        ? Object.freeze({ ...node.trigger, heredocs })
        : node.trigger;
    // The raws keep a snapshot of the values they were written for; it shares the node's
    // (frozen) arrays, so an unedited node is recognised by identity when printing.
    const value = Object.freeze({ keyword, flags, args, json, heredocs, trigger });
    const final: InstructionNode = Object.freeze({
      type: 'instruction',
      keyword,
      flags,
      args,
      json,
      heredocs,
      trigger,
      position,
      raws: Object.freeze({
        before,
        indent: ts === ls ? '' : text.slice(ls, ts),
        keyword: detached ? '' : cmd,
        rest: text.slice(detached ? ts : kwEnd, this.lineNext),
        value,
      }),
    });
    this.children.push(final);
    this.validate(final, start, end);
  }

  private validate(node: InstructionNode, start: Point, end: Point): void {
    if (node.keyword === 'FROM') this.seenFrom = true;
    else if (!this.seenFrom && node.keyword !== 'ARG' && KNOWN_KEYWORDS.has(node.keyword)) {
      // Only ARG may come before the first FROM (BuildKit's instructions.Parse, CurrentStage).
      this.report('error', 'NoBuildStage', 'no build stage in current context', start, end);
    }
    const problems = validateInstruction(
      node,
      this.escape === BACKTICK ? '`' : '\\',
      this.validateOptions,
    );
    for (const p of problems) this.report(p.severity, p.code, p.message, start, end);
  }

  /** BuildKit's `newNodeFromLine`: splitCommand, extractBuilderFlags, then the line parser. */
  private buildNode(
    logical: string,
    start: Point,
    end: Point,
  ): { node: InstructionNode; cmd: string } {
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
    let args: readonly string[] = EMPTY;
    let json = false;
    let trigger: InstructionNode | null = null;
    switch (keyword) {
      case 'RUN':
      case 'CMD':
      case 'ENTRYPOINT':
      case 'SHELL':
        ({ args, json } = this.maybeJson(rest, false, start, end));
        break;
      case 'ADD':
      case 'COPY':
      case 'VOLUME':
        ({ args, json } = this.maybeJson(rest, true, start, end));
        break;
      case 'FROM':
      case 'EXPOSE':
        if (rest !== '') args = Object.freeze(splitSeparated(rest));
        break;
      case 'ENV':
      case 'LABEL':
        args = this.nameValues(keyword, rest, start, end);
        break;
      case 'ARG':
        args = Object.freeze(parseWords(rest, this.escape));
        break;
      case 'USER':
      case 'WORKDIR':
      case 'STOPSIGNAL':
      case 'MAINTAINER':
        if (rest !== '') args = Object.freeze([rest]);
        break;
      case 'HEALTHCHECK':
        ({ args, json } = this.healthcheck(rest, start, end));
        break;
      case 'ONBUILD':
        if (rest !== '') trigger = Object.freeze(this.buildNode(rest, start, end).node);
        break;
    }
    return {
      cmd,
      node: {
        type: 'instruction',
        keyword,
        flags,
        args,
        json,
        heredocs: EMPTY,
        trigger,
      },
    };
  }

  /** parseMaybeJSON / parseMaybeJSONToList. */
  private maybeJson(
    rest: string,
    toList: boolean,
    start: Point,
    end: Point,
  ): { args: readonly string[]; json: boolean } {
    if (rest === '') return { args: EMPTY, json: false };
    const parsed = parseJsonArray(rest);
    if (parsed === NOT_STRING_ARRAY) {
      this.report('error', 'JsonNotStringArray', NOT_STRING_ARRAY, start, end);
    } else if (parsed !== null) {
      return { args: Object.freeze(parsed), json: true };
    }
    return { args: Object.freeze(toList ? splitSeparated(rest) : [rest]), json: false };
  }

  /** parseNameVal: `k=v …`, or the legacy `k v` where the whole rest is the value. */
  private nameValues(keyword: string, rest: string, start: Point, end: Point): readonly string[] {
    const words = parseWords(rest, this.escape);
    if (words.length === 0) return EMPTY;
    if (!words[0]!.includes('=')) {
      let k = 0;
      while (k < rest.length && !isSeparator(rest.charCodeAt(k))) k++;
      if (k === rest.length) {
        this.report('error', 'InvalidArguments', `${keyword} must have two arguments`, start, end);
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
        this.report(
          'error',
          'InvalidArguments',
          `Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`,
          start,
          end,
        );
        return EMPTY;
      }
      out.push(word.slice(0, eq), word.slice(eq + 1), '=');
    }
    return Object.freeze(out);
  }

  /** parseHealthConfig: the type word, then parseMaybeJSON of the rest. */
  private healthcheck(
    rest: string,
    start: Point,
    end: Point,
  ): { args: readonly string[]; json: boolean } {
    if (rest === '') return { args: EMPTY, json: false };
    let sep = 0;
    while (sep < rest.length && !isGoSpace(rest.charCodeAt(sep))) sep++;
    const type = rest.slice(0, sep);
    const command = this.maybeJson(trimGoSpaceLeft(rest.slice(sep)), false, start, end);
    return { args: Object.freeze([type, ...command.args]), json: command.json };
  }

  /**
   * BuildKit's continuation pattern ``([^E])E[ \t]*$|^E[ \t]*$``: the line ends with the
   * escape character (spaces and tabs after it allowed) that is not itself escaped. Returns
   * where the line's text ends without it, or -1 when the line does not continue.
   */
  private continuationAt(text: string, from: number, to: number): number {
    let e = to;
    while (e > from && (text.charCodeAt(e - 1) === 0x20 || text.charCodeAt(e - 1) === 0x09)) e--;
    if (e > from && text.charCodeAt(e - 1) === this.escape) {
      if (e - 1 === from || text.charCodeAt(e - 2) !== this.escape) return e - 1;
    }
    return -1;
  }

  private linePosition(ts: number): Position {
    return Object.freeze({
      start: point(this.lineNo, ts - this.lineStart + 1, ts),
      end: point(this.lineNo, this.contentEnd - this.lineStart + 1, this.contentEnd),
    });
  }

  private here(): Point {
    return point(Math.max(this.lineNo, 1), this.contentEnd - this.lineStart + 1, this.contentEnd);
  }

  private report(
    severity: Severity,
    code: string,
    message: string,
    start: Point,
    end: Point,
  ): void {
    this.diagnostics.push(
      Object.freeze({ severity, code, message, position: Object.freeze({ start, end }) }),
    );
  }
}

// Points are not frozen on their own: they are only reachable through a frozen position, and
// freezing two more objects per node costs a measurable share of the parse.
function point(line: number, column: number, offset: number): Point {
  return { line, column, offset };
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

function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 0x0d ? '\r\n' : '\n';
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

/**
 * BuildKit's directive pattern ``^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`` on a line
 * whose leading whitespace is already skipped (`\s` is RE2's `[\t\n\f\r ]`).
 */
function matchDirective(
  text: string,
  from: number,
  to: number,
): { name: string; value: string } | null {
  let i = from + 1;
  while (i < to && isReSpace(text.charCodeAt(i))) i++;
  const nameStart = i;
  if (i >= to || !isAlpha(text.charCodeAt(i))) return null;
  while (i < to && (isAlpha(text.charCodeAt(i)) || isDigit(text.charCodeAt(i)))) i++;
  const name = text.slice(nameStart, i).toLowerCase();
  while (i < to && isReSpace(text.charCodeAt(i))) i++;
  if (i >= to || text.charCodeAt(i) !== 0x3d) return null;
  const afterEq = i + 1;
  if (afterEq >= to) return null;
  i = afterEq;
  while (i < to && isReSpace(text.charCodeAt(i))) i++;
  let e = to;
  while (e > i && isReSpace(text.charCodeAt(e - 1))) e--;
  // All whitespace after `=`: the lazy `(.+?)` still takes one character, the last.
  if (e === i) return { name, value: text.slice(to - 1, to) };
  return { name, value: text.slice(i, e) };
}

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
