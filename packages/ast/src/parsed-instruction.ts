import { diagnostic, EMPTY, logicalLine, parseInstructionLine, point } from './instruction-line.js';
import type {
  Diagnostic,
  EscapeChar,
  Flag,
  Heredoc,
  InstructionNode,
  InstructionRaws,
  Position,
} from './nodes.js';
import { type ValidateOptions, validateInstruction } from './validate-instruction.js';

/** What every lazily parsed instruction of one file shares. */
export interface ParseContext {
  readonly text: string;
  readonly escape: EscapeChar;
  readonly validate: ValidateOptions;
  /** {@link STRIDE} numbers an instruction, at the index each {@link ParsedInstruction} holds. */
  spans: Int32Array;
}

// The numbers the scanner records for an instruction, in this order.
/** Where the blank lines before it (`raws.before`) start. */
const BEFORE = 0;
/** Its first line's start. */
const LINE = 1;
/** The keyword's start. */
const KEYWORD = 2;
/** The keyword's end on the first line. */
const KEYWORD_END = 3;
/** The end of its last line, terminator included. */
const END = 4;
/** Its last line's start. */
const LAST_LINE = 5;
/** Its last line's end, terminator excluded. */
const LAST_CONTENT_END = 6;
const START_LINE_NO = 7;
const END_LINE_NO = 8;
/** Bit flags, {@link NO_BUILD_STAGE}. */
const BITS = 9;
export const STRIDE = 10;
/** A known instruction other than ARG before the first FROM. */
export const NO_BUILD_STAGE = 1;

/** What an instruction's text means, worked out on first use. */
interface Fields {
  readonly flags: readonly Flag[];
  readonly args: readonly string[];
  readonly json: boolean;
  readonly trigger: InstructionNode | null;
  readonly position: Position;
  readonly raws: InstructionRaws;
  /** The line parsers' problems. */
  readonly problems: readonly Diagnostic[];
}

/**
 * An instruction of a parsed file whose meaning is read from the text on first use.
 *
 * The scanner finds where each instruction starts and ends and its keyword: one pass over the
 * text, one small object an instruction. Flags, arguments, position and raws are worked out
 * the first time any of them is read, and kept; BuildKit's instruction checks run when the
 * tree's `diagnostics` are first read. So a tool that parses, edits a few instructions and
 * prints pays the line parsers only for what it reads, and printing an untouched instruction
 * copies its text without parsing it. Heredoc instructions, and those whose keyword a line
 * continuation splits, are parsed eagerly into plain nodes instead.
 *
 * It reads like any {@link InstructionNode}; `toJSON` gives the plain node, and edits make
 * plain nodes with `cloneWith` (spreading an instance copies only `type`).
 */
export class ParsedInstruction implements InstructionNode {
  readonly type = 'instruction' as const;
  readonly #ctx: ParseContext;
  /** Where its numbers start in `ctx.spans`. */
  readonly #at: number;
  readonly #keyword: string;
  #fields: Fields | undefined;
  #diagnostics: readonly Diagnostic[] | undefined;

  constructor(ctx: ParseContext, at: number, keyword: string) {
    this.#ctx = ctx;
    this.#at = at;
    this.#keyword = keyword;
    Object.freeze(this);
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

  /** The text as written: its lines, and with `before` the blank lines before them. */
  static source(node: ParsedInstruction, before: boolean): string {
    const s = node.#ctx.spans;
    const at = node.#at;
    return node.#ctx.text.slice(s[at + (before ? BEFORE : LINE)]!, s[at + END]!);
  }

  /**
   * Its diagnostics in the order an eager parse reports them: the line parsers', then
   * `no build stage`, then BuildKit's instruction checks.
   */
  static diagnostics(node: ParsedInstruction): readonly Diagnostic[] {
    if (node.#diagnostics !== undefined) return node.#diagnostics;
    const { problems, position } = node.#load();
    const out = [...problems];
    if (node.#ctx.spans[node.#at + BITS]! & NO_BUILD_STAGE) {
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
    const { escape, validate } = node.#ctx;
    for (const p of validateInstruction(node, escape, validate)) {
      out.push(diagnostic(p.severity, p.code, p.message, position.start, position.end));
    }
    node.#diagnostics = out;
    return out;
  }

  #load(): Fields {
    if (this.#fields !== undefined) return this.#fields;
    const { text, escape } = this.#ctx;
    const s = this.#ctx.spans;
    const at = this.#at;
    const lineStart = s[at + LINE]!;
    const ts = s[at + KEYWORD]!;
    const kwEnd = s[at + KEYWORD_END]!;
    const end = s[at + END]!;
    const lastLine = s[at + LAST_LINE]!;
    const lastEnd = s[at + LAST_CONTENT_END]!;
    const start = point(s[at + START_LINE_NO]!, ts - lineStart + 1, ts);
    const stop = point(s[at + END_LINE_NO]!, lastEnd - lastLine + 1, lastEnd);
    const problems: Diagnostic[] = [];
    const logical = logicalLine(text, escape.charCodeAt(0), ts, end);
    const line = parseInstructionLine(logical, escape.charCodeAt(0), start, stop, problems);
    const { flags, args, json, trigger } = line;
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
        before: text.slice(s[at + BEFORE]!, lineStart),
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

/** Records an instruction's numbers at `at` (see the constants above for their order). */
export function recordSpan(
  spans: Int32Array,
  at: number,
  before: number,
  line: number,
  keyword: number,
  keywordEnd: number,
  end: number,
  lastLine: number,
  lastContentEnd: number,
  startLineNo: number,
  endLineNo: number,
  bits: number,
): void {
  spans[at + BEFORE] = before;
  spans[at + LINE] = line;
  spans[at + KEYWORD] = keyword;
  spans[at + KEYWORD_END] = keywordEnd;
  spans[at + END] = end;
  spans[at + LAST_LINE] = lastLine;
  spans[at + LAST_CONTENT_END] = lastContentEnd;
  spans[at + START_LINE_NO] = startLineNo;
  spans[at + END_LINE_NO] = endLineNo;
  spans[at + BITS] = bits;
}
