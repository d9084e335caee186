import { type ChildNode, createInstruction, type InstructionInit, withRest } from '@dockwright/ast';

/**
 * A persistent, append-only list of nodes: each builder holds the last cell, and appending
 * shares every earlier cell, so a builder call costs O(1) and forks share their common past.
 * Materialising the array walks the chain once (O(n)).
 */
export interface NodeList {
  readonly node: ChildNode;
  readonly prev: NodeList | null;
  readonly length: number;
}

function append(list: NodeList | null, node: ChildNode): NodeList {
  return Object.freeze({ node, prev: list, length: (list?.length ?? 0) + 1 });
}

/**
 * Appends the instruction `createInstruction(keyword, init)`; with `rest`, it prints as its
 * keyword followed by `rest` (a RUN list over continuation lines: see `withRest`).
 */
export function appendInstruction(
  list: NodeList | null,
  keyword: string,
  init: InstructionInit,
  rest: string | null = null,
): NodeList {
  const node = createInstruction(keyword, init);
  return append(list, rest === null ? node : withRest(node, rest));
}

export function appendAll(list: NodeList | null, nodes: readonly ChildNode[]): NodeList | null {
  let out = list;
  for (const node of nodes) out = append(out, node);
  return out;
}

export function toArray(list: NodeList | null): ChildNode[] {
  const out = new Array<ChildNode>(list?.length ?? 0);
  for (let cell = list; cell; cell = cell.prev) out[cell.length - 1] = cell.node;
  return out;
}

export function fromArray(nodes: readonly ChildNode[]): NodeList | null {
  return appendAll(null, nodes);
}
