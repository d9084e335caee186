import type { InstructionNode } from '../tree/nodes.js';

/**
 * The instruction with its keyword written as `text` (a casing fix: `run` to `RUN`), every
 * other byte kept. Null when the node has no keyword text of its own: a generated node, or one
 * whose keyword a line continuation splits. `text` must spell the same keyword.
 *
 * @example
 * ```ts
 * print(withKeywordText(parse('FROM a\nrun  echo hi\n').children[1], 'RUN')!) // 'RUN  echo hi\n'
 * ```
 */
export function withKeywordText(node: InstructionNode, text: string): InstructionNode | null {
  const raws = node.raws;
  if (raws === undefined || raws.keyword === '') return null;
  if (text.toUpperCase() !== raws.keyword.toUpperCase()) {
    throw new RangeError(`withKeywordText: ${JSON.stringify(text)} is not ${raws.keyword}`);
  }
  return Object.freeze({ ...node, raws: Object.freeze({ ...raws, keyword: text }) });
}
