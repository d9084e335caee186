import type { InstructionNode } from '../tree/nodes.js';

/**
 * A generated instruction laid out by hand: printed as its keyword followed by `rest` (flags,
 * arguments, continuation lines and the line terminator) for as long as its values are those
 * it has now; edited, it prints canonically again. `rest` must mean exactly the node's values,
 * which the caller vouches for (parse `keyword + rest` to check).
 *
 * @example
 * ```ts
 * const run = createInstruction('RUN', { args: ['apt-get update     && apt-get install -y git'] })
 * print(withRest(run, ' apt-get update \\\n    && apt-get install -y git\n'))
 * // RUN apt-get update \
 * //     && apt-get install -y git
 * ```
 */
export function withRest(node: InstructionNode, rest: string): InstructionNode {
  const { keyword, flags, args, json, heredocs, trigger } = node;
  return Object.freeze({
    ...node,
    raws: Object.freeze({
      before: node.raws?.before ?? '',
      indent: '',
      keyword,
      rest,
      value: Object.freeze({ keyword, flags, args, json, heredocs, trigger }),
    }),
  });
}
