import type { EscapeChar, InstructionNode } from '../tree/nodes.js';
import { instructionLayout } from './instruction-layout.js';
import { replaceInstructionText } from './replace-instruction-text.js';

/**
 * The instruction with everything after its keyword on the logical line (flags, arguments,
 * continuation lines) replaced by `text`, its indent, keyword, line terminator and heredoc
 * bodies kept; checked as {@link replaceInstructionText} checks it. Null when that check
 * fails, or the node has no keyword text of its own.
 *
 * @example
 * ```ts
 * const env = parse('FROM a\nenv A b c\r\n').children[1]
 * print(withArgumentsText(env, ' A="b c"', '\\')!) // 'env A="b c"\r\n'
 * ```
 */
export function withArgumentsText(
  node: InstructionNode,
  text: string,
  escape: EscapeChar,
): InstructionNode | null {
  const layout = instructionLayout(node, escape);
  if (layout === null) return null;
  const source = layout.text;
  const head = source.slice(0, layout.keywordEnd);
  return replaceInstructionText(
    node,
    head + text + layout.eol + source.slice(layout.bodiesStart),
    escape,
  );
}
