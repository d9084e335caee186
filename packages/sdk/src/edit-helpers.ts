/**
 * What people do to an existing Dockerfile, as plain functions over its nodes: find the stages,
 * change a FROM's image keeping the rest of its line byte for byte, and pick the nodes a
 * predicate matches. The builder (`setBase`, `insertAfter`, `replace`, … in builder.ts) runs
 * them and builds the inserted instructions itself, so they are checked like any other.
 *
 * The FROM line's text is read and replaced with `@dockwright/ast`'s raw-text helpers
 * (`instructionLayout`, `replaceInstructionText`).
 */
import {
  type ChildNode,
  type EscapeChar,
  type InstructionNode,
  instructionLayout,
  replaceInstructionText,
  viewFrom,
} from '@dockwright/ast';
import { DockerfileBuildError, show } from './dockerfile-build-error.js';
import { describe } from './literal.js';

/** Where an instruction stands: its stage (name, or index when it has none) and position. */
export interface NodePlace {
  /** The stage the instruction is in (a FROM is in the stage it starts), or null before any. */
  readonly stage: string | null;
  /** The stage's index, or -1 before the first FROM. */
  readonly stageIndex: number;
  /** The node's index among the file's nodes. */
  readonly index: number;
}

/** Picks instructions: `(node, place) => boolean`. */
export type NodeMatch = (node: InstructionNode, place: NodePlace) => boolean;

/** Each child's place (the stage it is in), in order. */
export function placesOf(children: readonly ChildNode[]): NodePlace[] {
  const places: NodePlace[] = [];
  let stage: string | null = null;
  let stageIndex = -1;
  children.forEach((child, index) => {
    if (child.type === 'instruction' && child.keyword === 'FROM') {
      stageIndex++;
      stage = viewFrom(child).stage ?? String(stageIndex);
    }
    places.push({ stage, stageIndex, index });
  });
  return places;
}

/**
 * The index of the FROM that starts `stage` (its name, or its index as a number or a digit
 * string), or a DockerfileBuildError naming the stages there are.
 */
export function stageStart(method: string, children: readonly ChildNode[], stage: unknown): number {
  const places = placesOf(children);
  const wanted = typeof stage === 'number' ? stage : typeof stage === 'string' ? stage : undefined;
  if (wanted === undefined) {
    throw new DockerfileBuildError(
      method,
      `the stage must be a stage name or index, got ${describe(stage)}`,
    );
  }
  for (const p of places) {
    const node = children[p.index]!;
    if (node.type !== 'instruction' || node.keyword !== 'FROM') continue;
    if (p.stage === wanted || p.stageIndex === wanted || String(p.stageIndex) === wanted) {
      return p.index;
    }
  }
  const names = places
    .filter((p) => {
      const n = children[p.index]!;
      return n.type === 'instruction' && n.keyword === 'FROM';
    })
    .map((p) => p.stage);
  throw new DockerfileBuildError(
    method,
    `no stage ${show(wanted)} in the file (its stages: ${names.map((n) => show(n)).join(', ') || 'none'})`,
  );
}

/** Where the stage that `from` starts ends: before the next FROM and the comments that lead into it. */
export function stageEnd(children: readonly ChildNode[], from: number): number {
  let next = children.length;
  for (let i = from + 1; i < children.length; i++) {
    const c = children[i]!;
    if (c.type === 'instruction' && c.keyword === 'FROM') {
      next = i;
      break;
    }
  }
  // Comments right above the next FROM (no blank line between) belong to it.
  while (next < children.length && next > from + 1) {
    const c = children[next - 1]!;
    const below = children[next]!;
    if (c.type !== 'comment' || (below.raws?.before ?? '') !== '') break;
    next--;
  }
  return next;
}

/**
 * The FROM instruction with its image word replaced by `image`, every other byte of its text
 * kept (flags, `AS name`, spacing, continuation lines, comments). A generated FROM, or one whose
 * text the splice cannot read, is rebuilt with the same flags and stage name.
 */
export function withFromImage(
  node: InstructionNode,
  image: string,
  esc: EscapeChar,
): InstructionNode {
  const rebuilt = (): InstructionNode =>
    Object.freeze({ ...node, args: Object.freeze([image, ...node.args.slice(1)]) });
  const layout = instructionLayout(node, esc);
  if (layout === null) return rebuilt();
  const { text } = layout;
  // The image is the first word after the `--` flag words.
  const word = layout.words.find((w) => !text.startsWith('--', w.start));
  if (word === undefined || text.slice(word.start, word.end) !== node.args[0]) return rebuilt();
  const parsed = replaceInstructionText(
    node,
    text.slice(0, word.start) + image + text.slice(word.end),
    esc,
  );
  if (
    parsed === null ||
    parsed.args[0] !== image ||
    JSON.stringify(parsed.args.slice(1)) !== JSON.stringify(node.args.slice(1)) ||
    JSON.stringify(parsed.flags) !== JSON.stringify(node.flags)
  ) {
    return rebuilt();
  }
  return parsed;
}
