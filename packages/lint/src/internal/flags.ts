import type { Flag, InstructionNode } from '@dockwright/ast';

/**
 * The first flag of `node` named `name` (`--from=build`), or undefined. A loop rather than
 * `node.flags.find(…)`: on Node 20, `find` or `some` over a node's (frozen) list costs about
 * ten times a loop, and rules ask this of every COPY and FROM.
 */
export function firstFlag(node: InstructionNode, name: string): Flag | undefined {
  const { flags } = node;
  for (let i = 0; i < flags.length; i++) if (flags[i]!.name === name) return flags[i];
  return undefined;
}
