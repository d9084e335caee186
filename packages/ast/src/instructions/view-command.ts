import type { InstructionNode } from '../tree/nodes.js';
import { commandOf } from './view-run.js';
import type { CommandView } from './view-types.js';

/**
 * CMD, ENTRYPOINT and SHELL: the form and the command (exec array, or shell text).
 *
 * @example
 * ```ts
 * viewCommand(parse('CMD ["node", "server.js"]').children[0])
 * // { keyword: 'CMD', form: 'exec', command: ['node', 'server.js'] }
 * ```
 */
export function viewCommand(node: InstructionNode): CommandView {
  const keyword =
    node.keyword === 'ENTRYPOINT' || node.keyword === 'SHELL' ? node.keyword : ('CMD' as const);
  return { keyword, form: node.json ? 'exec' : 'shell', command: commandOf(node) };
}
