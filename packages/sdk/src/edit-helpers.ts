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
  viewCopy,
  viewFrom,
  viewRun,
} from '@dockwright/ast';
import { DockerfileBuildError, show } from './dockerfile-build-error.js';
import { describe } from './literal.js';
import { endsWithContinuation } from './shell-text.js';

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

/**
 * Whether `node` is an instruction of a loaded file that ends inside a line continuation (the
 * file's last line ends with the escape char, maybe followed by blank or comment lines, which
 * BuildKit skips there): whatever is written after it would join that instruction.
 */
export function endsOpen(node: ChildNode, esc: EscapeChar): boolean {
  if (node.type !== 'instruction' || node.heredocs.length > 0) return false;
  const rest = node.raws?.rest;
  if (rest === undefined) return false;
  const lines = `${node.raws?.keyword ?? node.keyword}${rest}`.split(/\r?\n/);
  let last = lines.length - 1;
  while (last > 0 && /^[ \t]*(?:#.*)?$/.test(lines[last]!)) last--;
  return endsWithContinuation(lines[last]!.replace(/\r$/, ''), esc);
}

/** Refuses to put anything after an instruction the file leaves open (see {@link endsOpen}). */
export function checkClosed(method: string, node: ChildNode, esc: EscapeChar): void {
  if (!endsOpen(node, esc)) return;
  const line = node.position?.line;
  throw new DockerfileBuildError(
    method,
    `the ${(node as InstructionNode).keyword} instruction${line === undefined ? '' : ` at line ${line}`} ends with a line continuation (${show(esc)}) the file never closes, so anything written after it would become part of it: end that continuation first`,
  );
}

/** The stage names an instruction refers to: FROM's image, COPY --from, RUN --mount from=. */
function stageRefs(node: InstructionNode): string[] {
  switch (node.keyword) {
    case 'FROM': {
      const image = node.args[0];
      return image === undefined ? [] : [image];
    }
    case 'COPY':
    case 'ADD': {
      const from = viewCopy(node).from;
      return from === null ? [] : [from];
    }
    case 'RUN':
      return viewRun(node).mounts.flatMap((m) => ('from' in m && m.from ? [m.from] : []));
    default:
      return [];
  }
}

/**
 * What identifies a node across an edit: where it stood in the loaded file (an edit may copy
 * an untouched node to move blank lines onto it), or the node itself when it was generated.
 */
function keyOf(node: ChildNode): unknown {
  const at = node.position;
  return at === undefined ? node : `${at.line}:${at.column}`;
}

/**
 * For each instruction, the stage each of its stage references resolves to (by name, or by
 * index for COPY --from), or null when it names no stage (an image, a variable). A stage is
 * known by its name, or by its FROM node when it has none. `home` gets the FROM each other
 * instruction's stage starts with.
 */
/** The stage an instruction belongs to: its FROM (by {@link keyOf}) and the stage's index. */
interface Home {
  readonly from: unknown;
  readonly index: number;
}

function resolveRefs(
  children: readonly ChildNode[],
  same: ReadonlyMap<ChildNode, ChildNode>,
  home: Map<unknown, Home>,
): Map<unknown, { node: ChildNode; refs: unknown[] }> {
  const stages: { node: unknown; name: string | null }[] = [];
  const out = new Map<unknown, { node: ChildNode; refs: unknown[] }>();
  let current: Home | null = null;
  let index = -1;
  for (const child of children) {
    if (child.type !== 'instruction') continue;
    if (child.keyword === 'FROM') {
      current = { from: keyOf(same.get(child) ?? child), index: ++index };
    } else if (current !== null) home.set(keyOf(child), current);
    const refs = stageRefs(child).map((ref) => {
      if (ref.includes('$')) return null;
      if (/^\d+$/.test(ref)) {
        if (child.keyword === 'FROM') return null;
        return stages[Number(ref)]?.node ?? null;
      }
      const name = ref.toLowerCase();
      return stages.find((st) => st.name === name)?.node ?? null;
    });
    if (refs.length > 0) out.set(keyOf(child), { node: child, refs });
    if (child.keyword === 'FROM') {
      const name = viewFrom(child).stage;
      stages.push({ node: name ?? keyOf(same.get(child) ?? child), name });
    }
  }
  return out;
}

/**
 * Refuses an edit whose result is not a sound file, or changes the meaning of an instruction
 * it did not touch: an instruction left before the first FROM, two stages with one name, or a
 * stage reference (`COPY --from=build`, `--from=0`, `FROM build`) that now names another stage
 * or none (BuildKit would then pull an image of that name). `same` maps a FROM the edit
 * rebuilt (setBase) to its new node.
 */
function isFrom(child: ChildNode): boolean {
  return child.type === 'instruction' && child.keyword === 'FROM';
}

export function checkStages(
  method: string,
  before: readonly ChildNode[],
  after: readonly ChildNode[],
  same: ReadonlyMap<ChildNode, ChildNode> = new Map(),
): void {
  const names = new Set<string>();
  let inStage = false;
  for (const child of after) {
    if (child.type !== 'instruction') continue;
    if (child.keyword === 'FROM') {
      inStage = true;
      const name = viewFrom(child).stage;
      if (name !== null && names.has(name)) {
        throw new DockerfileBuildError(
          method,
          `the result would have two stages named ${show(name)}`,
        );
      }
      if (name !== null) names.add(name);
    } else if (!inStage && child.keyword !== 'ARG') {
      throw new DockerfileBuildError(
        method,
        `the result would have ${child.keyword} ${show(child.args.join(' '))} before the first FROM, outside any stage`,
      );
    }
  }
  const wasHome = new Map<unknown, Home>();
  const nowHome = new Map<unknown, Home>();
  const was = resolveRefs(before, same, wasHome);
  const now = resolveRefs(after, new Map(), nowHome);
  const nodes = new Map(before.map((n) => [keyOf(n), n]));
  const fromsBefore = new Set(
    before.filter(isFrom).map((child) => keyOf(same.get(child) ?? child)),
  );
  const fromsAfter = new Set(after.filter(isFrom).map(keyOf));
  for (const [key, stage] of wasHome) {
    const next = nowHome.get(key);
    if (next === undefined || next.from === stage.from) continue;
    // A FROM replaced by a new one in its place (transform() returning another FROM) keeps
    // its stage: the old FROM is gone, the new one is new, and the stage's index is the same.
    const replaced =
      !fromsAfter.has(stage.from) && !fromsBefore.has(next.from) && next.index === stage.index;
    if (replaced) continue;
    const node = nodes.get(key) as InstructionNode;
    const line = node.position?.line;
    throw new DockerfileBuildError(
      method,
      `the edit moves ${node.keyword}${line === undefined ? '' : ` at line ${line}`} into another stage (a FROM was added or removed above it in its stage)`,
    );
  }
  // A FROM the edit rebuilt refers to what the caller asked for.
  const targeted = new Set([...same.keys()].map(keyOf));
  for (const [key, { node, refs }] of was) {
    const next = now.get(key)?.refs;
    if (next === undefined || targeted.has(key)) continue; // removed or changed by the edit
    refs.forEach((target, i) => {
      if (next[i] === target) return;
      const ref = stageRefs(node as InstructionNode)[i]!;
      const line = node.position?.line;
      throw new DockerfileBuildError(
        method,
        `the edit changes what ${(node as InstructionNode).keyword}${line === undefined ? '' : ` at line ${line}`} refers to with ${show(ref)}: ${target === null ? 'an image or variable' : 'a stage'} before, ${next[i] === null ? (/^\d+$/.test(ref) ? 'no stage' : 'an image of that name') : 'another stage'} after`,
      );
    });
  }
}
