import type { InstructionNode } from '@dockwright/ast';

/**
 * The node with its keyword written as `text` (a casing fix): only the `keyword` raw changes,
 * so the rest of the instruction keeps its bytes. Null when the keyword is split by a line
 * continuation (no keyword raw to edit).
 */
export function withKeywordText(node: InstructionNode, text: string): InstructionNode | null {
  const raws = node.raws;
  if (!raws || raws.keyword === '') return null;
  return Object.freeze({ ...node, raws: Object.freeze({ ...raws, keyword: text }) });
}
