import {
  type ArgDeclaration,
  type EscapeChar,
  envPairs,
  type InstructionNode,
  type KeyValue,
  viewArg,
  viewKeyValue,
} from '@dockwright/ast';

// Several rules read the same views of the same (immutable) node: each is computed once.
const pairs = new WeakMap<InstructionNode, readonly KeyValue[]>();
const args = new WeakMap<InstructionNode, readonly ArgDeclaration[]>();
const labels = new WeakMap<InstructionNode, readonly KeyValue[]>();

function memo<T>(cache: WeakMap<InstructionNode, T>, node: InstructionNode, compute: () => T): T {
  let value = cache.get(node);
  if (value === undefined) {
    value = compute();
    cache.set(node, value);
  }
  return value;
}

/** An ENV's pairs, quotes removed (ast's `envPairs`). */
export function envPairsOf(node: InstructionNode, escape: EscapeChar): readonly KeyValue[] {
  return memo(pairs, node, () => envPairs(node, escape));
}

/** An ARG's declarations (ast's `viewArg`). */
export function argsOf(node: InstructionNode, escape: EscapeChar): readonly ArgDeclaration[] {
  return memo(args, node, () => viewArg(node, escape).args);
}

/** A LABEL's pairs, quotes removed (ast's `viewKeyValue`). */
export function labelsOf(node: InstructionNode, escape: EscapeChar): readonly KeyValue[] {
  return memo(labels, node, () => viewKeyValue(node, escape).pairs);
}
