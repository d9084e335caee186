import type { InstructionNode } from '../tree/nodes.js';
import type { VolumeView } from './view-types.js';

/**
 * VOLUME: the paths, from the JSON array or the whitespace-separated list.
 *
 * @example
 * ```ts
 * viewVolume(parse('VOLUME ["/data", "/logs"]').children[0])
 * // { keyword: 'VOLUME', form: 'exec', paths: ['/data', '/logs'] }
 * ```
 */
export function viewVolume(node: InstructionNode): VolumeView {
  return { keyword: 'VOLUME', form: node.json ? 'exec' : 'shell', paths: node.args };
}
