import { type ChildNode, type InstructionNode, instruction, withRest } from '@dockwright/ast';

/** What `instruction()` makes an instruction node of: its flags, args, json form, heredocs… */
export type InstructionInit = NonNullable<Parameters<typeof instruction>[1]>;

/**
 * A persistent, append-only list of nodes: each builder holds the last cell, and appending
 * shares every earlier cell, so a builder call costs O(1) and forks share their common past.
 * Materialising the array walks the chain once (O(n)).
 *
 * A cell holds a finished node, or, for an instruction the builder generated, the parts
 * `instruction()` makes the node of when the list is materialised. One such cell is all a
 * builder call keeps (not a cell, a node and its keyword string), so a long build keeps fewer
 * objects alive for the garbage collector to copy while the build lasts.
 */
export type NodeList = NodeCell | InstructionCell;

interface Cell {
  readonly prev: NodeList | null;
  readonly length: number;
}

interface NodeCell extends Cell {
  readonly node: ChildNode;
}

interface InstructionCell extends Cell, Readonly<Required<InstructionInit>> {
  readonly node: null;
  readonly keyword: string;
  /** The text after the keyword when the builder lays the instruction out itself, or null. */
  readonly rest: string | null;
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * A frozen copy of exactly the items (an array a builder pushed to has spare capacity), or the
 * array itself when frozen already: `instruction()` shares frozen arrays instead of copying them.
 */
function frozen<T>(items: readonly T[] | undefined): readonly T[] {
  if (items === undefined || items.length === 0) return EMPTY;
  return Object.isFrozen(items) ? items : Object.freeze([...items]);
}

function append(list: NodeList | null, node: ChildNode): NodeList {
  return Object.freeze({ node, prev: list, length: (list?.length ?? 0) + 1 });
}

/**
 * Appends the instruction `instruction(keyword, init)`; with `rest`, it prints as its keyword
 * followed by `rest` (a RUN list over continuation lines: see `withRest`).
 */
export function appendInstruction(
  list: NodeList | null,
  keyword: string,
  init: InstructionInit,
  rest: string | null = null,
): NodeList {
  return Object.freeze({
    node: null,
    keyword,
    flags: frozen(init.flags),
    args: frozen(init.args),
    json: init.json ?? false,
    heredocs: frozen(init.heredocs),
    trigger: init.trigger ?? null,
    rest,
    prev: list,
    length: (list?.length ?? 0) + 1,
  });
}

export function appendAll(list: NodeList | null, nodes: readonly ChildNode[]): NodeList | null {
  let out = list;
  for (const node of nodes) out = append(out, node);
  return out;
}

export function toArray(list: NodeList | null): ChildNode[] {
  const out = new Array<ChildNode>(list?.length ?? 0);
  for (let cell = list; cell; cell = cell.prev) {
    out[cell.length - 1] = cell.node ?? instructionOf(cell);
  }
  return out;
}

/** The node of an instruction cell, laid out as `rest` says when it says anything. */
function instructionOf(cell: InstructionCell): InstructionNode {
  const node = instruction(cell.keyword, cell);
  return cell.rest === null ? node : withRest(node, cell.rest);
}

export function fromArray(nodes: readonly ChildNode[]): NodeList | null {
  return appendAll(null, nodes);
}
