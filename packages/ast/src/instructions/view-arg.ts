import type { EscapeChar, InstructionNode } from '../tree/nodes.js';
import { unquote } from './unquote.js';
import type { ArgDeclaration, ArgView } from './view-types.js';

/**
 * ARG: every `NAME[=default]` word (there is no legacy form: `ARG a b=c` declares two), names
 * and defaults after quote removal.
 *
 * @example
 * ```ts
 * viewArg(parse('ARG NODE_VERSION=22 TARGETOS').children[0])
 * // { args: [{ name: 'NODE_VERSION', value: '22', raw: 'NODE_VERSION=22' },
 * //          { name: 'TARGETOS', value: null, raw: 'TARGETOS' }] }
 * ```
 */
export function viewArg(node: InstructionNode, escapeChar: EscapeChar = '\\'): ArgView {
  const args: ArgDeclaration[] = node.args.map((raw) => {
    const eq = raw.indexOf('=');
    if (eq < 0) return { name: unquote(raw, escapeChar), value: null, raw };
    return {
      name: unquote(raw.slice(0, eq), escapeChar),
      value: unquote(raw.slice(eq + 1), escapeChar),
      raw,
    };
  });
  return { keyword: 'ARG', args };
}
