import { goQuote } from '../syntax/go-quote.js';
import { formatFlagWord } from '../syntax/words.js';
import type { DockerfileNode, InstructionNode } from '../tree/nodes.js';

/**
 * BuildKit's `Node.Dump()` of a tree: one S-expression per instruction, command lower-cased,
 * flags as a Go-quoted list, arguments as Go-quoted strings, ONBUILD nested.
 *
 * @example
 * ```ts
 * dump(parse('FROM alpine AS base\nCOPY --from=base /a /b\n'))
 * // (from "alpine" "AS" "base")
 * // (copy ["--from=base"] "/a" "/b")
 * ```
 */
export function dump(tree: DockerfileNode): string {
  let out = '';
  for (const child of tree.children) {
    if (child.type === 'instruction') out += `(${dumpBody(child)})\n`;
  }
  return out;
}

/** One instruction as `dump` writes it: `(run "echo hi")`. */
export function dumpInstruction(node: InstructionNode): string {
  return `(${dumpBody(node)})`;
}

function dumpBody(node: InstructionNode): string {
  let out = node.keyword.toLowerCase();
  if (node.flags.length > 0)
    out += ` [${node.flags.map((f) => goQuote(formatFlagWord(f))).join(' ')}]`;
  if (node.trigger) return `${out} (${dumpBody(node.trigger)})`;
  for (const arg of node.args) out += ` ${goQuote(arg)}`;
  return out;
}
