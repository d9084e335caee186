import { continuationAt } from '../parser/instruction-line.js';
import { isGoSpace } from '../syntax/words.js';
import type { EscapeChar, InstructionNode } from '../tree/nodes.js';
import { sourceText } from './source-text.js';

/** A stretch of an instruction's text: `[start, end)`, offsets into the text. */
export interface TextSpan {
  /** Where it starts. */
  readonly start: number;
  /** Where it ends (exclusive). */
  readonly end: number;
}

/**
 * Where things are in an instruction's text as written (see {@link instructionLayout}); every
 * number is an offset into `text`.
 */
export interface InstructionLayout {
  /** The instruction's text: indent, keyword, and its rest (`sourceText`). */
  readonly text: string;
  /** Where the keyword starts (after the indent). */
  readonly keywordStart: number;
  /** Where the keyword ends: the flags and arguments follow. */
  readonly keywordEnd: number;
  /**
   * Where the logical line ends: after its last line's text, before that line's terminator.
   * The logical line is the first line and its continuation lines, with the comments and empty
   * lines among them.
   */
  readonly lineEnd: number;
  /** The terminator of the logical line's last line (`\n`, `\r\n`…), `''` at the end of the file. */
  readonly eol: string;
  /** Where the heredoc bodies start (after `eol`); `text.length` when there are none. */
  readonly bodiesStart: number;
  /** The continuation points: where each escape character that continues a line stands. */
  readonly continuations: readonly number[];
  /** Comment and empty lines inside the continuation (BuildKit skips them), terminators included. */
  readonly skipped: readonly TextSpan[];
  /**
   * The words after the keyword on the logical line, split at white space: flags and
   * arguments as written (quotes kept), continuation points and skipped lines left out.
   */
  readonly words: readonly TextSpan[];
}

/**
 * The layout of a parsed instruction's text, found as BuildKit's scanner reads it with the
 * escape character `escape` (the tree's). Null for a generated instruction, or one whose
 * keyword a continuation splits (`RU\⏎N`): there is no keyword text of its own to keep.
 *
 * @example
 * ```ts
 * const run = parse('FROM a\nRUN apt-get update \\\n # tools\n  && apt-get install -y git\n').children[1]
 * const layout = instructionLayout(run, '\\')!
 * layout.text.slice(layout.keywordEnd, layout.lineEnd) // ' apt-get update \\\n # tools\n  && apt-get install -y git'
 * layout.words.map((w) => layout.text.slice(w.start, w.end)) // ['apt-get', 'update', '&&', 'apt-get', 'install', '-y', 'git']
 * ```
 */
export function instructionLayout(
  node: InstructionNode,
  escape: EscapeChar,
): InstructionLayout | null {
  const raws = node.raws;
  const text = sourceText(node);
  if (raws === undefined || text === null || raws.keyword === '') return null;
  const esc = escape.charCodeAt(0);
  const keywordStart = raws.indent.length;
  const keywordEnd = keywordStart + raws.keyword.length;
  const continuations: number[] = [];
  const skipped: TextSpan[] = [];
  const words: TextSpan[] = [];
  // Each physical line in turn: [lineStart, contentEnd) is its text without the terminator
  // (trailing `\r`s trimmed), `next` where the next line starts.
  let lineStart = 0;
  let contentEnd: number;
  let next: number;
  for (let first = true; ; first = false) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0) nl = text.length;
    contentEnd = nl;
    while (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 0x0d) contentEnd--;
    next = nl < text.length ? nl + 1 : text.length;
    let ts = lineStart;
    while (ts < contentEnd && isGoSpace(text.charCodeAt(ts))) ts++;
    if (!first && (ts === contentEnd || text.charCodeAt(ts) === 0x23)) {
      skipped.push({ start: lineStart, end: next });
      if (next >= text.length) break;
      lineStart = next;
      continue;
    }
    const cont = continuationAt(text, esc, first ? keywordStart : lineStart, contentEnd);
    addWords(text, first ? keywordEnd : lineStart, cont < 0 ? contentEnd : cont, words);
    if (cont < 0 || next >= text.length) break;
    continuations.push(cont);
    lineStart = next;
  }
  return Object.freeze({
    text,
    keywordStart,
    keywordEnd,
    lineEnd: contentEnd,
    eol: text.slice(contentEnd, next),
    bodiesStart: next,
    continuations: Object.freeze(continuations),
    skipped: Object.freeze(skipped),
    words: Object.freeze(words),
  });
}

function addWords(text: string, from: number, to: number, out: TextSpan[]): void {
  let start = -1;
  for (let i = from; i < to; i++) {
    if (isGoSpace(text.charCodeAt(i))) {
      if (start >= 0) out.push(Object.freeze({ start, end: i }));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(Object.freeze({ start, end: to }));
}
