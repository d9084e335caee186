import {
  type ArgDeclaration,
  type EscapeChar,
  envPairs,
  type InstructionNode,
  type KeyValue,
  type Mount,
  type RunView,
  viewArg,
  viewKeyValue,
  viewRun,
} from '@dockwright/ast';
import type { RuleContext } from '../rule-context.js';

// Several rules read the same views of the same node: each is read once per lint.

const readEnvPairs = (node: InstructionNode, escape: EscapeChar): readonly KeyValue[] =>
  envPairs(node, escape);
const readArgs = (node: InstructionNode, escape: EscapeChar): readonly ArgDeclaration[] =>
  viewArg(node, escape).args;
const readRunFlags = (node: InstructionNode): RunView => viewRun(node);
const readLabels = (node: InstructionNode, escape: EscapeChar): readonly KeyValue[] =>
  viewKeyValue(node, escape).pairs;

/** An ENV's pairs, quotes removed (ast's `envPairs`). */
export function envPairsOf(ctx: RuleContext, node: InstructionNode): readonly KeyValue[] {
  return ctx.view(readEnvPairs, node);
}

/** An ARG's declarations (ast's `viewArg`). */
export function argsOf(ctx: RuleContext, node: InstructionNode): readonly ArgDeclaration[] {
  return ctx.view(readArgs, node);
}

/** The names an ARG or ENV declares (an empty list for any other instruction). */
export function declaredNames(ctx: RuleContext, node: InstructionNode): string[] {
  if (node.keyword === 'ARG') return argsOf(ctx, node).map((d) => d.name);
  if (node.keyword === 'ENV') return envPairsOf(ctx, node).map((p) => p.key);
  return [];
}

/** A LABEL's pairs, quotes removed (ast's `viewKeyValue`). */
export function labelsOf(ctx: RuleContext, node: InstructionNode): readonly KeyValue[] {
  return ctx.view(readLabels, node);
}

/** A RUN's `--mount`, `--network` and `--security` (ast's `viewRun`). */
export function runFlagsOf(ctx: RuleContext, node: InstructionNode): RunView {
  return ctx.view(readRunFlags, node);
}

const NO_MOUNTS: readonly Mount[] = Object.freeze([]);

/** A RUN's parsed `--mount`s (none, without reading the RUN, when it has no `--mount` flag). */
export function mountsOf(ctx: RuleContext, node: InstructionNode): readonly Mount[] {
  // By index: `for…of` over a node's frozen list allocates on Node 20 (this runs per RUN).
  const { flags } = node;
  for (let i = 0; i < flags.length; i++) {
    if (flags[i]!.name === 'mount') return runFlagsOf(ctx, node).mounts;
  }
  return NO_MOUNTS;
}
