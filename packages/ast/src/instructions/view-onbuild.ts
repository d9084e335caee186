import type { InstructionNode } from '../tree/nodes.js';
import type { OnbuildView } from './view-types.js';

/**
 * ONBUILD: the trigger instruction (view it with `view(trigger)`).
 *
 * @example
 * ```ts
 * viewOnbuild(parse('ONBUILD RUN make').children[0]).trigger?.keyword // 'RUN'
 * ```
 */
export function viewOnbuild(node: InstructionNode): OnbuildView {
  return { keyword: 'ONBUILD', trigger: node.trigger };
}
