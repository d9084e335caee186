import {
  type EscapeChar,
  type InstructionNode,
  type PortSpec,
  unquote,
  viewExpose,
} from '@dockwright/ast';
import type { RuleContext } from '../rule-context.js';

const NONE: readonly PortSpec[] = Object.freeze([]);

const readPorts = (node: InstructionNode, escape: EscapeChar): readonly PortSpec[] => {
  if (!node.args.some(namesProtocolOrHost)) return NONE;
  const out: PortSpec[] = [];
  for (const port of viewExpose(node, escape).ports) if (port.start !== null) out.push(port);
  return out;
};

/**
 * Whether an EXPOSE word is more than a port or a range: only a `/` (a protocol) or a `:` (an
 * IP or a host port) gives it something the EXPOSE checks look at.
 */
function namesProtocolOrHost(word: string): boolean {
  return word.indexOf('/') >= 0 || word.indexOf(':') >= 0;
}

/**
 * The literal ports of an EXPOSE (ast's `viewExpose`), read once per lint, when one of its words
 * names a protocol or a host (none for bare ports, `EXPOSE 80 443`, where there is nothing to
 * check). BuildKit runs its EXPOSE checks on the expanded words; a word holding a variable is
 * only known at build time, so it is skipped, and so is a word that is no valid port (the build
 * fails on it anyway).
 */
export function exposedPorts(ctx: RuleContext, node: InstructionNode): readonly PortSpec[] {
  return ctx.view(readPorts, node);
}

/** A port's word after quote removal, as BuildKit formats it in its EXPOSE messages. */
export function portWord(ctx: RuleContext, port: PortSpec): string {
  return unquote(port.raw, ctx.escape);
}
