import { type ValidateOptions, validateInstruction } from '../instructions/validate-instruction.js';
import { findHeredocs, type HeredocMarker } from '../syntax/heredoc-markers.js';
import { INSTRUCTION_KEYWORDS } from '../syntax/keywords.js';
import { utf8Length } from '../syntax/utf8-length.js';
import { isGoSpace, isSeparator } from '../syntax/words.js';
import { EMPTY } from '../tree/frozen.js';
import type {
  ChildNode,
  Diagnostic,
  DiagnosticSeverity,
  DockerfileNode,
  EscapeChar,
  Heredoc,
  InstructionNode,
  Position,
} from '../tree/nodes.js';
import { matchDirective } from './directives.js';
import { DockerfileSyntaxError } from './dockerfile-syntax-error.js';
import {
  continuationAt,
  instructionLine,
  type ProblemSink,
  parseInstructionLine,
} from './instruction-line.js';

export interface ParseOptions {
  /** The file name used in diagnostics and errors. */
  file?: string;
}

const KNOWN_KEYWORDS: ReadonlySet<string> = new Set(INSTRUCTION_KEYWORDS);
const LABS: ValidateOptions = Object.freeze({ labs: true });
const NOT_LABS: ValidateOptions = Object.freeze({ labs: false });
const HASH = 0x23;
const BACKSLASH = 0x5c;
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
      line: error.position.line,
      column: error.position.column,
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
  /** The line parsers' problems for the instruction being read: code, message, … */
  private readonly problems: ProblemSink = [];
  /** The instruction being read, as the line parsers split it. */
  private readonly line = instructionLine();
  private escape = BACKSLASH;
  private escapeChar: EscapeChar = '\\';
  private directivesDone = false;
  /** The directives met so far (made at the first one: most files have none). */
  private seenDirectives: Set<string> | null = null;
  private seenFrom = false;
  private seenInstruction = false;
  /** Where the next `<<` at or after the last line asked about stands (-1: none; -2: not looked). */
  private nextMarker = -2;
  /** `RUN --device` needs a `-labs` frontend named by the syntax directive. */
  private validateOptions: ValidateOptions = NOT_LABS;

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
    const afterStart = this.scan(bom.length);
    if (!this.seenInstruction) {
      const at = collapsed(Math.max(this.lineNo, 1), 1, this.lineStart);
      this.report('error', 'NoInstructions', 'file with no instructions', at);
    }
    const { file, escapeChar: escape } = this;
    const children = Object.freeze(this.children);
    // A clean file shares the one frozen empty array, as nodes without flags or arguments do.
    const diagnostics = this.diagnostics.length === 0 ? EMPTY : Object.freeze(this.diagnostics);
    const position = this.spanTo(1, 1, 0);
    const raws = Object.freeze({ bom, after: text.slice(afterStart), eol: detectEol(text) });
    // Two literals rather than a spread of `{ file }` into one, which costs more than the rest
    // of a small file's parse; either way `file` stands after `diagnostics`.
    return Object.freeze(
      file === undefined
        ? { type: 'dockerfile', children, escape, diagnostics, position, raws }
        : { type: 'dockerfile', children, escape, diagnostics, file, position, raws },
    );
  }

  /**
   * Reads every line from `from` on into nodes; returns where the blank lines after the last
   * node start. (The loop is a method of its own so that V8 optimises it whole.)
   */
  private scan(from: number): number {
    const { text } = this;
    this.pos = from;
    let pendingStart = from;
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
      }
      pendingStart = this.lineNext;
    }
    return pendingStart;
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
      this.report(
        'error',
        'LineTooLong',
        `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES - 1}`,
        collapsed(this.lineNo, 1, ls),
      );
    }
    return true;
  }

  /** A comment line, or a parser directive while they may still come; `#` is at `ts`. */
  private commentLine(beforeStart: number, ts: number): void {
    const { text, lineStart, contentEnd } = this;
    const before = text.slice(beforeStart, lineStart);
    const source = text.slice(lineStart, this.lineNext);
    const position = this.spanTo(this.lineNo, ts - lineStart + 1, ts);
    if (!this.directivesDone) {
      const match = matchDirective(text, ts, contentEnd);
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
    // The text after `#`, trimmed as Go's strings.TrimSpace trims it.
    let from = ts + 1;
    let to = contentEnd;
    while (from < to && isGoSpace(text.charCodeAt(from))) from++;
    while (to > from && isGoSpace(text.charCodeAt(to - 1))) to--;
    const value = text.slice(from, to);
    this.children.push(
      Object.freeze({
        type: 'comment',
        text: value,
        position,
        raws: Object.freeze({ before, source, value }),
      }),
    );
  }

  private directive(name: string, value: string, position: Position): void {
    this.seenDirectives ??= new Set();
    if (this.seenDirectives.has(name)) {
      this.report(
        'error',
        'DuplicateDirective',
        `only one ${name} parser directive can be used`,
        position,
      );
      return;
    }
    this.seenDirectives.add(name);
    if (name === 'syntax') this.validateOptions = /-labs\b/.test(value) ? LABS : NOT_LABS;
    if (name !== 'escape') return;
    if (value === '`' || value === '\\') {
      this.escape = value.charCodeAt(0);
      this.escapeChar = value;
    } else {
      this.report(
        'error',
        'InvalidEscapeDirective',
        `invalid escape token '${value}' does not match \` or \\`,
        position,
      );
    }
  }

  /**
   * Reads an instruction: its first line (the keyword at `ts`), its continuation lines with
   * the comments and empty lines inside them, and heredoc bodies; the blank lines before it
   * start at `beforeStart`. The line parsers read a one-line instruction straight from the
   * text; the lines of a continued one are joined first, as BuildKit joins them.
   */
  private instruction(beforeStart: number, ts: number): void {
    const { text, escape } = this;
    const ls = this.lineStart;
    const startLine = this.lineNo;
    const firstLineEnd = this.contentEnd;

    // 1. The logical line: continuation lines joined (the escape character dropped, the next
    // line's indent kept), the comments and empty lines inside them dropped.
    const firstCont = continuationAt(text, escape, ts, firstLineEnd);
    let src = text;
    let from = ts;
    let to = firstLineEnd;
    if (firstCont >= 0) {
      let logical = text.slice(ts, firstCont);
      let cont = firstCont;
      let emptyContinuation: Position | null = null;
      while (cont >= 0 && this.nextLine()) {
        const cls = this.lineStart;
        const cce = this.contentEnd;
        let cts = cls;
        while (cts < cce && isGoSpace(text.charCodeAt(cts))) cts++;
        if (cts < cce && text.charCodeAt(cts) === HASH) continue;
        if (cts === cce) {
          emptyContinuation ??= collapsed(this.lineNo, 1, cls);
          continue;
        }
        cont = continuationAt(text, escape, cls, cce);
        logical += text.slice(cls, cont < 0 ? cce : cont);
      }
      if (emptyContinuation) {
        this.report(
          'warning',
          'NoEmptyContinuation',
          'Empty continuation lines will become errors in a future release',
          emptyContinuation,
        );
      }
      src = logical;
      from = 0;
      to = logical.length;
    }

    // 2. Keyword, flags and arguments, as BuildKit's line parsers split them.
    // Problems of the line itself span the instruction's lines, its heredoc bodies excluded.
    const startColumn = ts - ls + 1;
    let position = this.spanTo(startLine, startColumn, ts);
    const line = this.line;
    parseInstructionLine(line, src, from, to, escape, this.problems);
    if (this.problems.length > 0) this.lineProblems(position);

    // 3. Heredoc bodies follow the instruction's last line.
    let heredocs: readonly Heredoc[] = EMPTY;
    const target = line.trigger ?? line;
    if (
      !target.json &&
      (target.keyword === 'RUN' || target.keyword === 'COPY' || target.keyword === 'ADD') &&
      (src === text ? this.markerIn(from, to) : hasHeredocMarker(src, from, to))
    ) {
      const markers = findHeredocs(src === text ? text.slice(from, to) : src);
      if (markers.error !== null) {
        this.report('error', 'InvalidHeredoc', markers.error, position);
      } else if (markers.heredocs.length > 0) {
        heredocs = this.heredocBodies(markers.heredocs, position);
        position = this.spanTo(startLine, startColumn, ts);
      }
    }

    // The keyword as written: up to the first separator on the first line. The line parser
    // has read a one-line instruction's keyword up to there already.
    let kwEnd = src === text ? line.cmdEnd : ts;
    while (kwEnd < firstLineEnd && !isSeparator(text.charCodeAt(kwEnd))) kwEnd++;
    // The keyword as written stands alone in the text unless a continuation splits it
    // (`RU\⏎N`) or trimming the line took white space off its end (`RUN\u00a0`).
    const kwLength = line.cmdEnd - from;
    const detached = kwLength !== kwEnd - ts || (firstCont >= 0 && firstCont < kwEnd);
    const { keyword, flags, args, json } = line;
    // BuildKit attaches an ONBUILD trigger's heredocs to the ONBUILD node; the trigger holds
    // them too, so it reads (and views) like the instruction it will become.
    const trigger =
      line.trigger && heredocs.length > 0
        ? Object.freeze({ ...line.trigger, heredocs })
        : line.trigger;
    // The keyword raw is the keyword itself when written in upper case (no string to cut).
    const keywordRaw = detached ? '' : line.keywordAsWritten ? keyword : text.slice(ts, kwEnd);
    const node: InstructionNode = Object.freeze({
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
        indent: text.slice(ls, ts),
        keyword: keywordRaw,
        rest: text.slice(detached ? ts : kwEnd, this.lineNext),
        // What `rest` was written for; it shares the node's (frozen) values, so the printer
        // recognises an unedited node by identity.
        value: Object.freeze({ keyword, flags, args, json, heredocs, trigger }),
      }),
    });
    this.children.push(node);
    this.seenInstruction = true;
    this.validate(node, position);
  }

  /** The bodies of the heredocs an instruction opened, read from the lines after it. */
  private heredocBodies(markers: readonly HeredocMarker[], opener: Position): readonly Heredoc[] {
    const { text } = this;
    const docs: Heredoc[] = [];
    for (const doc of markers) {
      const bodyStart = this.lineNext;
      let terminated = false;
      while (this.nextLine()) {
        let ts = this.lineStart;
        if (doc.chomp) while (ts < this.contentEnd && text.charCodeAt(ts) === 0x09) ts++;
        if (this.contentEnd - ts === doc.name.length && text.startsWith(doc.name, ts)) {
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
        const position = this.spanTo(opener.line, opener.column, opener.offset);
        this.report('error', 'UnterminatedHeredoc', 'unterminated heredoc', position);
        break;
      }
    }
    return Object.freeze(docs);
  }

  /**
   * A `<<` in `text[from, to)`. The next `<<` in the text is found once and kept until the
   * lines move past it, so the search covers the text once in all.
   */
  private markerIn(from: number, to: number): boolean {
    if (this.nextMarker !== -1 && this.nextMarker < from) {
      this.nextMarker = this.text.indexOf('<<', from);
    }
    return this.nextMarker !== -1 && this.nextMarker + 1 < to;
  }

  /** The line parsers' problems, as diagnostics over the instruction. */
  private lineProblems(position: Position): void {
    const { problems } = this;
    for (let i = 0; i < problems.length; i += 2) {
      this.report('error', problems[i]!, problems[i + 1]!, position);
    }
    problems.length = 0;
  }

  private validate(node: InstructionNode, position: Position): void {
    if (node.keyword === 'FROM') this.seenFrom = true;
    else if (!this.seenFrom && node.keyword !== 'ARG' && KNOWN_KEYWORDS.has(node.keyword)) {
      // Only ARG may come before the first FROM (BuildKit's instructions.Parse, CurrentStage).
      this.report('error', 'NoBuildStage', 'no build stage in current context', position);
    }
    const problems = validateInstruction(node, this.escapeChar, this.validateOptions);
    for (let i = 0; i < problems.length; i++) {
      const p = problems[i]!;
      this.report(p.severity, p.code, p.message, position);
    }
  }

  /** From the given start to the end of the current line's text (its terminator excluded). */
  private spanTo(line: number, column: number, offset: number): Position {
    return Object.freeze({
      line,
      column,
      offset,
      endLine: Math.max(this.lineNo, 1),
      endColumn: this.contentEnd - this.lineStart + 1,
      endOffset: this.contentEnd,
    });
  }

  private report(
    severity: DiagnosticSeverity,
    code: string,
    message: string,
    position: Position,
  ): void {
    this.diagnostics.push(Object.freeze({ severity, code, message, position }));
  }
}

/** A `<<` in `src[from, to)`: the line may open a heredoc. (For a joined continued line.) */
function hasHeredocMarker(src: string, from: number, to: number): boolean {
  const at = src.indexOf('<<', from);
  return at !== -1 && at + 1 < to;
}

function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 0x0d ? '\r\n' : '\n';
}

/** An empty position: where something is missing. */
function collapsed(line: number, column: number, offset: number): Position {
  return Object.freeze({
    line,
    column,
    offset,
    endLine: line,
    endColumn: column,
    endOffset: offset,
  });
}
