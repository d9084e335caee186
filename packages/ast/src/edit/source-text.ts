import type { ChildNode } from '../tree/nodes.js';

/**
 * A node's text as written, without the blank lines before it: an instruction's indent,
 * keyword and rest (continuation lines, line terminator and heredoc bodies included), a
 * comment's or directive's line. Null for a generated node, which has no text of its own.
 *
 * @example
 * ```ts
 * sourceText(parse('FROM a\n\n  run  echo hi\n').children[1]!) // '  run  echo hi\n'
 * ```
 */
export function sourceText(node: ChildNode): string | null {
  const raws = node.raws;
  if (raws === undefined) return null;
  return 'rest' in raws ? raws.indent + raws.keyword + raws.rest : raws.source;
}
