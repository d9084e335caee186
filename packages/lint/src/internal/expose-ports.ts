import {
  type EscapeChar,
  type InstructionNode,
  type PortSpec,
  unquote,
  viewExpose,
} from '@dockwright/ast';
import type { RuleContext } from '../rule-context.js';

const readPorts = (node: InstructionNode, escape: EscapeChar): readonly PortSpec[] => {
  const out: PortSpec[] = [];
  for (const port of viewExpose(node, escape).ports) if (port.start !== null) out.push(port);
  return out;
};

/**
 * The literal ports of an EXPOSE (ast's `viewExpose`), read once per lint. BuildKit runs its
 * EXPOSE checks on the expanded words; a word holding a variable is only known at build time,
 * so it is skipped, and so is a word that is no valid port (the build fails on it anyway).
 */
export function exposedPorts(ctx: RuleContext, node: InstructionNode): readonly PortSpec[] {
  return ctx.view(readPorts, node);
}

/** A port's word after quote removal, as BuildKit formats it in its EXPOSE messages. */
export function portWord(ctx: RuleContext, port: PortSpec): string {
  return unquote(port.raw, ctx.escape);
}
