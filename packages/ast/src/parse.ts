import { DockerfileSyntaxError } from './errors.js';
import { findHeredocs } from './heredoc-words.js';
import {
  continuationAt,
  diagnostic,
  EMPTY,
  logicalLine,
  parseInstructionLine,
  point,
  upperKeyword,
} from './instruction-line.js';
import { INSTRUCTION_KEYWORDS } from './keywords.js';
import type {
  ChildNode,
  Diagnostic,
  DockerfileNode,
  EscapeChar,
  Heredoc,
  InstructionNode,
  Point,
  Position,
  Severity,
} from './nodes.js';
import {
  NO_BUILD_STAGE,
  type ParseContext,
  ParsedComment,
  ParsedInstruction,
  ParsedTree,
  parseContext,
  recordNode,
} from './parsed-nodes.js';
import { utf8Length } from './utf8-length.js';
import { validateInstruction } from './validate-instruction.js';
import { isGoSpace, isReSpace, isSeparator } from './words.js';

export interface ParseOptions {
  /** The file name used in diagnostics and errors. */
  file?: string;
}

const KNOWN_KEYWORDS: ReadonlySet<string> = new Set(INSTRUCTION_KEYWORDS);
const HASH = 0x23;
const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
/** bufio.Scanner's limit: a line of more bytes than this (terminator included) is refused. */
const MAX_LINE_BYTES = 65536;

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
  return new Parser(text, options.file, false).run();
}

/**
 * Like {@link parse}, but every instruction is parsed and checked at once into plain frozen
 * nodes, through the scanner's own line positions rather than those found again from the text
 * on first use. Not exported from the package: the reference the lazily read nodes are
 * tested against.
 */
export function parseEagerly(text: string, options: ParseOptions = {}): DockerfileNode {
  return new Parser(text, options.file, true).run();
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
  /** Parse every instruction at once ({@link parseEagerly}). */
  private readonly eager: boolean;
  private readonly children: ChildNode[] = [];
  /**
   * The diagnostics found while scanning, in file order, each with the number of children
   * before it: a lazily parsed instruction's own go after those of its index.
   */
  private readonly diagnostics: Diagnostic[] = [];
  private readonly diagnosticIndex: number[] = [];
  /** Some instruction is read on first use, so the diagnostics are too. */
  private hasLazyInstructions = false;
  private escape = BACKSLASH;
  private directivesDone = false;
  private readonly seenDirectives = new Set<string>();
  private seenFrom = false;
  /** `RUN --device` needs a `-labs` frontend named by the syntax directive. */
  private validateOptions: { labs: boolean } = { labs: false };
  /** Made at the first instruction, when the directives are known. */
  private context: ParseContext | null = null;
  /** The next `<` at or after the last place asked about: -1 for none, -2 before the first. */
  private nextAngle = -2;

  // The physical line being read: [lineStart, contentEnd) is its text without the
  // terminator, [contentEnd, lineNext) the terminator.
  private pos = 0;
  private lineNo = 0;
  private lineStart = 0;
  private contentEnd = 0;
  private lineNext = 0;

  constructor(text: string, file: string | undefined, eager: boolean) {
    this.text = text;
    this.file = file;
    this.eager = eager;
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
      if (text.charCodeAt(ts) === HASH) {
        this.commentLine(pendingStart, ts);
      } else {
        this.directivesDone = true;
        this.instruction(pendingStart, ts);
        instructions++;
      }
      pendingStart = this.lineNext;
    }

    if (instructions === 0) {
      const at = point(Math.max(this.lineNo, 1), 1, this.lineStart);
      this.report('error', 'NoInstructions', 'file with no instructions', at, at);
    }
    const children = Object.freeze(this.children);
    const escape: EscapeChar = this.escape === BACKTICK ? '`' : '\\';
    const position = Object.freeze({ start: point(1, 1, 0), end: this.here() });
    const raws = Object.freeze({ bom, after: text.slice(pendingStart), eol: detectEol(text) });
    const file = this.file;
    const { diagnostics: scanned, diagnosticIndex } = this;
    if (!this.hasLazyInstructions) {
      const diagnostics = Object.freeze(scanned);
      return Object.freeze({
        type: 'dockerfile',
        children,
        escape,
        diagnostics,
        ...(file === undefined ? {} : { file }),
        position,
        raws,
      });
    }
    // Reading the diagnostics runs BuildKit's instruction checks on every instruction.
    let all: readonly Diagnostic[] | undefined;
    const diagnostics = (): readonly Diagnostic[] => {
      all ??= collectDiagnostics(children, scanned, diagnosticIndex);
      return all;
    };
    return new ParsedTree(
      { children, escape, ...(file === undefined ? {} : { file }), position, raws },
      diagnostics,
    );
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

  /** A comment line, or a parser directive while they may still come; `#` is at `ts`. */
  private commentLine(beforeStart: number, ts: number): void {
    const { text } = this;
    if (!this.directivesDone) {
      const before = text.slice(beforeStart, this.lineStart);
      const source = text.slice(this.lineStart, this.lineNext);
      const position = this.linePosition(ts);
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
    const context = this.parseContext();
    const at = recordNode(context, beforeStart, ts, this.contentEnd, this.lineNo, this.lineNo, 0);
    const node = new ParsedComment(context, at);
    this.children.push(this.eager ? node.toJSON() : node);
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

  /**
   * Reads an instruction's lines: its first line (the keyword at `ts`), its continuation lines
   * with the comments and empty lines inside them, and heredoc bodies. The blank lines before
   * it start at `beforeStart`.
   */
  private instruction(beforeStart: number, ts: number): void {
    const { text } = this;
    const ls = this.lineStart;
    const startLine = this.lineNo;

    // The keyword as written: up to the first separator on the first line.
    let kwEnd = ts;
    while (kwEnd < this.contentEnd && !isSeparator(text.charCodeAt(kwEnd))) kwEnd++;

    // 1. The continuation lines (BuildKit drops comments and empty lines inside them).
    const firstCont = continuationAt(text, this.escape, ts, this.contentEnd);
    let cont = firstCont;
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
      cont = continuationAt(text, this.escape, cls, cce);
    }
    if (emptyContinuation) {
      this.report(
        'warning',
        'NoEmptyContinuation',
        'Empty continuation lines will become errors in a future release',
        emptyContinuation,
        emptyContinuation,
      );
    }

    // 2. A keyword that is not the plain text up to the first separator (split by a
    // continuation, `RU\⏎N`, or ending in white space that trimming the line may remove,
    // `RUN\u00a0`), or a `<` that may start a heredoc whose body follows: read it now.
    // Anything else is read on first use.
    const keyword = knownKeyword(text, ts, kwEnd) ?? upperKeyword(text.slice(ts, kwEnd));
    const plainKeyword =
      (firstCont < 0 || kwEnd < firstCont) && !isGoSpace(text.charCodeAt(kwEnd - 1));
    if (
      this.eager ||
      !plainKeyword ||
      (mayTakeHeredocs(keyword) && this.hasAngle(ts, this.contentEnd))
    ) {
      this.eagerInstruction(beforeStart, ls, ts, kwEnd, startLine);
      return;
    }
    let bits = 0;
    if (keyword === 'FROM') this.seenFrom = true;
    else if (!this.seenFrom && keyword !== 'ARG' && KNOWN_KEYWORDS.has(keyword)) {
      // Only ARG may come before the first FROM (BuildKit's instructions.Parse, CurrentStage).
      bits = NO_BUILD_STAGE;
    }
    const context = this.parseContext();
    const at = recordNode(context, beforeStart, ts, this.contentEnd, startLine, this.lineNo, bits);
    this.children.push(new ParsedInstruction(context, at, keyword));
    this.hasLazyInstructions = true;
  }

  /** The instruction whose lines were just read, parsed now, then its heredoc bodies. */
  private eagerInstruction(
    beforeStart: number,
    ls: number,
    ts: number,
    kwEnd: number,
    startLine: number,
  ): void {
    const { text } = this;
    const start = point(startLine, ts - ls + 1, ts);
    let end = point(this.lineNo, this.contentEnd - this.lineStart + 1, this.contentEnd);
    const logical = logicalLine(text, this.escape, ts, this.lineNext);

    // Keyword, flags and arguments, as BuildKit's line parsers split them.
    const problems: Diagnostic[] = [];
    const line = parseInstructionLine(logical, this.escape, start, end, problems);
    for (const d of problems) this.push(d);
    let heredocs: readonly Heredoc[] = EMPTY;

    // Heredoc bodies follow the instruction's last line.
    const target = line.trigger ?? line;
    if (
      !target.json &&
      (target.keyword === 'RUN' || target.keyword === 'COPY' || target.keyword === 'ADD') &&
      logical.includes('<<')
    ) {
      const markers = findHeredocs(logical);
      if (markers.error !== null) {
        this.report('error', 'InvalidHeredoc', markers.error, start, end);
      } else if (markers.heredocs.length > 0) {
        const docs: Heredoc[] = [];
        for (const doc of markers.heredocs) {
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
    const cmd = line.cmd;
    const detached = kwEnd - ts !== cmd.length || !text.startsWith(cmd, ts);
    const { keyword, flags, args, json } = line;
    // BuildKit attaches an ONBUILD trigger's heredocs to the ONBUILD node; the trigger holds
    // them too, so it reads (and views) like the instruction it will become.
    const trigger =
      line.trigger && heredocs.length > 0
        ? Object.freeze({ ...line.trigger, heredocs })
        : line.trigger;
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
        before: text.slice(beforeStart, ls),
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

  /** What the lazily parsed instructions share; the directives are all read by now. */
  private parseContext(): ParseContext {
    this.context ??= parseContext(
      this.text,
      this.escape === BACKTICK ? '`' : '\\',
      this.validateOptions,
    );
    return this.context;
  }

  /** Whether a `<` stands in [from, to); the search moves forward only, so all of it is one pass. */
  private hasAngle(from: number, to: number): boolean {
    if (this.nextAngle !== -1 && this.nextAngle < from) {
      this.nextAngle = this.text.indexOf('<', from);
    }
    return this.nextAngle !== -1 && this.nextAngle < to;
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
    this.push(diagnostic(severity, code, message, start, end));
  }

  private push(d: Diagnostic): void {
    this.diagnostics.push(d);
    this.diagnosticIndex.push(this.children.length);
  }
}

/** Heredocs follow RUN, COPY and ADD, and an ONBUILD trigger of one of them. */
function mayTakeHeredocs(keyword: string): boolean {
  return keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD' || keyword === 'ONBUILD';
}

/**
 * Every diagnostic in file order: those the scanner found, each before the child it was found
 * with, and a lazily parsed instruction's own (read now) after them.
 */
function collectDiagnostics(
  children: readonly ChildNode[],
  scanned: readonly Diagnostic[],
  index: readonly number[],
): readonly Diagnostic[] {
  const out: Diagnostic[] = [];
  let next = 0;
  for (let i = 0; i < children.length; i++) {
    while (next < scanned.length && index[next]! <= i) out.push(scanned[next++]!);
    const child = children[i];
    if (child instanceof ParsedInstruction) ParsedInstruction.diagnostics(child, out);
  }
  while (next < scanned.length) out.push(scanned[next++]!);
  return Object.freeze(out);
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

function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 0x0d ? '\r\n' : '\n';
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
