import { diagnostic, EMPTY, logicalLine, parseInstructionLine, point } from './instruction-line.js';
import type {
  ChildNode,
  CommentNode,
  Diagnostic,
  DockerfileNode,
  DockerfileRaws,
  EscapeChar,
  Flag,
  Heredoc,
  InstructionNode,
  InstructionRaws,
  LineRaws,
  Position,
} from './nodes.js';
import { type ValidateOptions, validateInstruction } from './validate-instruction.js';
import { isSeparator, trimGoSpace } from './words.js';

/**
 * Instructions and comments of a parsed file whose meaning is read from the text on first use.
 *
 * The scanner finds where each node starts and ends, in one pass over the text, and keeps a few
 * numbers and one small object a node. An instruction's flags, arguments, position and raws
 * are worked out the first time any of them is read, and kept; BuildKit's instruction checks
 * run when the tree's `diagnostics` are first read. So a tool that parses, edits a few
 * instructions and prints pays the line parsers only for what it reads, and printing an
 * untouched node copies its text. Parser directives, and instructions that may carry a
 * heredoc (RUN, COPY, ADD or ONBUILD with a `<` in them) or whose keyword is not the plain text
 * up to its first separator, are parsed eagerly into plain frozen nodes.
 *
 * These nodes read like plain ones, and `toJSON` gives the plain node. Their fields are
 * accessors without setters on the prototype (assigning one throws); they are not frozen,
 * because freezing doubled the cost of making them. Edits make plain nodes with `cloneWith`:
 * a spread would copy nothing.
 */

/** What every lazily parsed node of one file shares. */
export interface ParseContext {
  readonly text: string;
  readonly escape: EscapeChar;
  readonly validate: ValidateOptions;
  /**
   * Six numbers a node, at the index the node holds (see {@link recordNode}). A plain array of
   * small integers: a typed array costs more to make than a short file to parse.
   */
  readonly spans: number[];
}

// The numbers the scanner keeps for a node, in this order; the rest is found again from the
// text (the line starts, the keyword's end, the line terminator) when the node is read.
/** Where the blank lines before it (`raws.before`) start. */
const BEFORE = 0;
/** Where its keyword, or a comment's `#`, starts. */
const START = 1;
/** Where its last line's text ends, the line terminator excluded. */
const CONTENT_END = 2;
const START_LINE = 3;
const END_LINE = 4;
/** Bit flags: {@link NO_BUILD_STAGE}. */
const BITS = 5;
/** An instruction other than ARG before the first FROM. */
export const NO_BUILD_STAGE = 1;

/** The context for `text`. */
export function parseContext(
  text: string,
  escape: EscapeChar,
  validate: ValidateOptions,
): ParseContext {
  return { text, escape, validate, spans: [] };
}

/** Records a node's numbers and returns its index, for the node's constructor. */
export function recordNode(
  ctx: ParseContext,
  before: number,
  start: number,
  contentEnd: number,
  startLine: number,
  endLine: number,
  bits: number,
): number {
  const at = ctx.spans.length;
  ctx.spans.push(before, start, contentEnd, startLine, endLine, bits);
  return at;
}

/** A node's text as written, with or without the blank lines before it; null if not parsed. */
export function parsedSource(node: ChildNode, before: boolean): string | null {
  if (node instanceof ParsedInstruction) return ParsedInstruction.source(node, before);
  if (node instanceof ParsedComment) return ParsedComment.source(node, before);
  return null;
}

/** Where the line holding `offset` starts (no earlier than `floor`). */
function lineStartOf(text: string, offset: number, floor: number): number {
  let i = offset;
  while (i > floor && text.charCodeAt(i - 1) !== 0x0a) i--;
  return i;
}

/** Where the line whose text ends at `contentEnd` ends, its terminator included. */
function lineEndOf(text: string, contentEnd: number): number {
  const nl = text.indexOf('\n', contentEnd);
  return nl === -1 ? text.length : nl + 1;
}

function sourceOf(ctx: ParseContext, at: number, before: boolean): string {
  const { text, spans } = ctx;
  const from = before
    ? spans[at + BEFORE]!
    : lineStartOf(text, spans[at + START]!, spans[at + BEFORE]!);
  return text.slice(from, lineEndOf(text, spans[at + CONTENT_END]!));
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** What an instruction's text means, worked out on first use. */
interface InstructionFields {
  readonly flags: readonly Flag[];
  readonly args: readonly string[];
  readonly json: boolean;
  readonly trigger: InstructionNode | null;
  readonly position: Position;
  readonly raws: InstructionRaws;
  /** The line parsers' problems. */
  readonly problems: readonly Diagnostic[];
}

/** An instruction of a parsed file (see the top of this file). */
export class ParsedInstruction implements InstructionNode {
  declare readonly type: 'instruction';
  readonly #ctx: ParseContext;
  /** Where its numbers start in `ctx.spans`. */
  readonly #at: number;
  readonly #keyword: string;
  #fields: InstructionFields | undefined;

  constructor(ctx: ParseContext, at: number, keyword: string) {
    this.#ctx = ctx;
    this.#at = at;
    this.#keyword = keyword;
  }

  get keyword(): string {
    return this.#keyword;
  }
  get flags(): readonly Flag[] {
    return this.#load().flags;
  }
  get args(): readonly string[] {
    return this.#load().args;
  }
  get json(): boolean {
    return this.#load().json;
  }
  get heredocs(): readonly Heredoc[] {
    return EMPTY;
  }
  get trigger(): InstructionNode | null {
    return this.#load().trigger;
  }
  get position(): Position {
    return this.#load().position;
  }
  get raws(): InstructionRaws {
    return this.#load().raws;
  }

  /** The plain node, as `JSON.stringify` writes it. */
  toJSON(): InstructionNode {
    const f = this.#load();
    return {
      type: 'instruction',
      keyword: this.#keyword,
      flags: f.flags,
      args: f.args,
      json: f.json,
      heredocs: EMPTY,
      trigger: f.trigger,
      position: f.position,
      raws: f.raws,
    };
  }

  [INSPECT](): InstructionNode {
    return this.toJSON();
  }

  static source(node: ParsedInstruction, before: boolean): string {
    return sourceOf(node.#ctx, node.#at, before);
  }

  /**
   * Adds its diagnostics to `out` in the order an eager parse reports them: the line
   * parsers', then `no build stage`, then BuildKit's instruction checks.
   */
  static diagnostics(node: ParsedInstruction, out: Diagnostic[]): void {
    const { problems, position } = node.#load();
    for (let i = 0; i < problems.length; i++) out.push(problems[i]!);
    const { escape, validate, spans } = node.#ctx;
    if (spans[node.#at + BITS]! & NO_BUILD_STAGE) {
      out.push(
        diagnostic(
          'error',
          'NoBuildStage',
          'no build stage in current context',
          position.start,
          position.end,
        ),
      );
    }
    for (const p of validateInstruction(node, escape, validate)) {
      out.push(diagnostic(p.severity, p.code, p.message, position.start, position.end));
    }
  }

  #load(): InstructionFields {
    if (this.#fields !== undefined) return this.#fields;
    const { text, spans } = this.#ctx;
    const escape = this.#ctx.escape.charCodeAt(0);
    const at = this.#at;
    const before = spans[at + BEFORE]!;
    const ts = spans[at + START]!;
    const lastEnd = spans[at + CONTENT_END]!;
    const lineStart = lineStartOf(text, ts, before);
    const end = lineEndOf(text, lastEnd);
    // The keyword as written: up to the first separator on the first line.
    let kwEnd = ts;
    while (kwEnd < end) {
      const c = text.charCodeAt(kwEnd);
      if (c === 0x0a || isSeparator(c)) break;
      kwEnd++;
    }
    const startLine = spans[at + START_LINE]!;
    const endLine = spans[at + END_LINE]!;
    const start = point(startLine, ts - lineStart + 1, ts);
    const lastLine = endLine === startLine ? lineStart : lineStartOf(text, lastEnd, lineStart);
    const stop = point(endLine, lastEnd - lastLine + 1, lastEnd);
    const logical = logicalLine(text, escape, ts, end);
    const lineProblems: Diagnostic[] = [];
    const { flags, args, json, trigger } = parseInstructionLine(
      logical,
      escape,
      start,
      stop,
      lineProblems,
    );
    // Most lines have no problem: keep the shared empty list rather than one per node.
    const problems: readonly Diagnostic[] = lineProblems.length === 0 ? EMPTY : lineProblems;
    // The raws keep a snapshot of the values they were written for; it shares the node's
    // (frozen) arrays, so an unedited node is recognised by identity when printing.
    const value = Object.freeze({
      keyword: this.#keyword,
      flags,
      args,
      json,
      heredocs: EMPTY,
      trigger,
    });
    this.#fields = {
      flags,
      args,
      json,
      trigger,
      position: Object.freeze({ start, end: stop }),
      raws: Object.freeze({
        before: text.slice(before, lineStart),
        indent: ts === lineStart ? '' : text.slice(lineStart, ts),
        keyword: text.slice(ts, kwEnd),
        rest: text.slice(kwEnd, end),
        value,
      }),
      problems,
    };
    return this.#fields;
  }
}

/** A comment line of a parsed file (see the top of this file). */
export class ParsedComment implements CommentNode {
  declare readonly type: 'comment';
  readonly #ctx: ParseContext;
  readonly #at: number;
  #fields: Required<CommentNode> | undefined;

  constructor(ctx: ParseContext, at: number) {
    this.#ctx = ctx;
    this.#at = at;
  }

  get text(): string {
    return this.#load().text;
  }
  get position(): Position {
    return this.#load().position;
  }
  get raws(): LineRaws {
    return this.#load().raws;
  }

  /** The plain node, as `JSON.stringify` writes it. */
  toJSON(): CommentNode {
    return this.#load();
  }

  [INSPECT](): CommentNode {
    return this.toJSON();
  }

  static source(node: ParsedComment, before: boolean): string {
    return sourceOf(node.#ctx, node.#at, before);
  }

  #load(): Required<CommentNode> {
    if (this.#fields !== undefined) return this.#fields;
    const { text, spans } = this.#ctx;
    const at = this.#at;
    const hash = spans[at + START]!;
    const contentEnd = spans[at + CONTENT_END]!;
    const lineStart = lineStartOf(text, hash, spans[at + BEFORE]!);
    const line = spans[at + START_LINE]!;
    const value = trimGoSpace(text.slice(hash + 1, contentEnd));
    this.#fields = Object.freeze({
      type: 'comment',
      text: value,
      position: Object.freeze({
        start: point(line, hash - lineStart + 1, hash),
        end: point(line, contentEnd - lineStart + 1, contentEnd),
      }),
      raws: Object.freeze({
        before: text.slice(spans[at + BEFORE]!, lineStart),
        source: text.slice(lineStart, lineEndOf(text, contentEnd)),
        value,
      }),
    });
    return this.#fields;
  }
}

/** A tree's fields other than `type` and `diagnostics`. */
type TreeFields = Omit<DockerfileNode, 'type' | 'diagnostics'>;

/**
 * A parsed tree whose diagnostics are worked out when first read (BuildKit's instruction checks
 * on the instructions read on first use). Its other fields are its own, and it is frozen.
 *
 * `diagnostics` is a getter on the prototype rather than on the tree itself: V8 gives a frozen
 * object with an accessor of its own a map of its own, in the old generation, and everything a
 * short-lived parse made then survived the young-generation collections (ten times the
 * collector's work when linting small files). A spread of the tree leaves the diagnostics out;
 * `toJSON` and `cloneWith` keep them.
 */
export class ParsedTree implements DockerfileNode {
  readonly type = 'dockerfile' as const;
  readonly children: readonly ChildNode[];
  readonly escape: EscapeChar;
  declare readonly file?: string;
  declare readonly position?: Position;
  declare readonly raws?: DockerfileRaws;
  readonly #diagnostics: () => readonly Diagnostic[];

  constructor(fields: TreeFields, diagnostics: () => readonly Diagnostic[]) {
    this.children = fields.children;
    this.escape = fields.escape;
    if (fields.file !== undefined) (this as { file?: string }).file = fields.file;
    (this as { position?: Position }).position = fields.position;
    (this as { raws?: DockerfileRaws }).raws = fields.raws;
    this.#diagnostics = diagnostics;
    Object.freeze(this);
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.#diagnostics();
  }

  /** The plain tree, as `JSON.stringify` writes it (the diagnostics read now). */
  toJSON(): DockerfileNode {
    const { children, escape, file, position, raws } = this;
    return {
      type: 'dockerfile',
      children,
      escape,
      diagnostics: this.diagnostics,
      ...(file === undefined ? {} : { file }),
      position,
      raws,
    };
  }

  [INSPECT](): DockerfileNode {
    return this.toJSON();
  }

  /** A copy with some fields replaced; it reads the same diagnostics on first use. */
  static with(tree: ParsedTree, patch: Partial<DockerfileNode>): DockerfileNode {
    const { children, escape, file, position, raws } = tree;
    const fields = { children, escape, ...(file === undefined ? {} : { file }), position, raws };
    if (patch.diagnostics !== undefined) {
      return Object.freeze({ type: 'dockerfile', ...fields, ...patch }) as DockerfileNode;
    }
    return new ParsedTree({ ...fields, ...patch }, tree.#diagnostics);
  }
}

// `type` lives on the prototype, so an instance has no field of its own to assign or spread.
Object.defineProperty(ParsedInstruction.prototype, 'type', { value: 'instruction' });
Object.defineProperty(ParsedComment.prototype, 'type', { value: 'comment' });
