import type { EscapeChar, InstructionNode } from '../tree/nodes.js';
import { unquote } from './unquote.js';
import type { KeyValue } from './view-types.js';

/**
 * The raw `key, value, sep` triplets of an ENV or LABEL node. Parsed nodes hold triplets
 * (BuildKit's layout); a node built by hand with plain words (`['A=1', 'B=2']`, or the legacy
 * `['KEY', 'some value']`) is read the way BuildKit's `parseNameVal` reads words.
 */
export function keyValueTriplets(node: InstructionNode): Array<[string, string, string]> {
  const args = node.args;
  const out: Array<[string, string, string]> = [];
  if (isTriplets(args)) {
    for (let i = 0; i < args.length; i += 3) out.push([args[i]!, args[i + 1]!, args[i + 2]!]);
    return out;
  }
  if (args.length === 0) return out;
  if (args[0]!.indexOf('=') < 0) {
    // Legacy form: the first word is the key, the rest is the value.
    out.push([args[0]!, args.slice(1).join(' '), '']);
    return out;
  }
  for (const word of args) {
    const eq = word.indexOf('=');
    if (eq < 0) continue; // BuildKit: Syntax error - can't find = (reported by validateInstruction)
    out.push([word.slice(0, eq), word.slice(eq + 1), '=']);
  }
  return out;
}

/** Whether `args` is a list of `key, value, sep` triplets (sep `=` or `''`). */
export function isTriplets(args: readonly string[]): boolean {
  if (args.length === 0 || args.length % 3 !== 0) return false;
  for (let i = 2; i < args.length; i += 3) {
    const sep = args[i];
    if (sep !== '=' && sep !== '') return false;
  }
  return true;
}

/**
 * ENV or LABEL pairs with BuildKit's quote removal applied to keys and values (variables are
 * left as written). `rawValue` keeps the value as written.
 *
 * @example
 * ```ts
 * envPairs(parse('ENV A="x y" B=\'$z\'').children[0])
 * // [{ key: 'A', value: 'x y', rawValue: '"x y"' }, { key: 'B', value: '$z', rawValue: "'$z'" }]
 * ```
 */
export function envPairs(node: InstructionNode, escapeChar: EscapeChar = '\\'): KeyValue[] {
  return keyValueTriplets(node).map(([key, value]) => ({
    key: unquote(key, escapeChar),
    value: unquote(value, escapeChar),
    rawValue: value,
  }));
}
