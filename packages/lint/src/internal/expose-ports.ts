import { type InstructionNode, type PortSpec, unquote, viewExpose } from '@dockwright/ast';
import type { RuleContext } from '../rule-context.js';

export interface ExposedPort {
  readonly node: InstructionNode;
  /** The word after quote removal, as BuildKit formats it in its EXPOSE messages. */
  readonly word: string;
  readonly port: PortSpec;
}

/**
 * Every literal EXPOSE port of the file (ast's `viewExpose`). BuildKit runs its EXPOSE checks
 * on the expanded words; a word holding a variable is only known at build time, so it is
 * skipped, and so is a word that is no valid port (the build fails on it anyway).
 */
export function exposedPorts(ctx: RuleContext): ExposedPort[] {
  const out: ExposedPort[] = [];
  for (const node of ctx.instructions) {
    if (node.keyword !== 'EXPOSE') continue;
    for (const port of viewExpose(node, ctx.escape).ports) {
      if (port.start === null) continue;
      out.push({ node, word: unquote(port.raw, ctx.escape), port });
    }
  }
  return out;
}
