import type { InstructionNode } from '../tree/nodes.js';
import type { StringView } from './view-types.js';

/**
 * USER, WORKDIR, STOPSIGNAL and MAINTAINER: the rest of the line, spaces included (BuildKit's
 * `parseString`); `''` when missing.
 *
 * @example
 * ```ts
 * viewString(parse('WORKDIR /app').children[0]) // { keyword: 'WORKDIR', value: '/app' }
 * ```
 */
export function viewString(node: InstructionNode): StringView {
  const k = node.keyword;
  const keyword = k === 'WORKDIR' || k === 'STOPSIGNAL' || k === 'MAINTAINER' ? k : 'USER';
  return { keyword, value: node.args.join(' ') };
}
