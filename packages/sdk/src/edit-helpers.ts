/**
 * What people do to an existing Dockerfile, as plain functions over its nodes: find the stages,
 * change a FROM's image keeping the rest of its line byte for byte, and pick the nodes a
 * predicate matches. The builder (`setBase`, `insertAfter`, `replace`, … in builder.ts) runs
 * them and builds the inserted instructions itself, so they are checked like any other.
 *
 * The text splice below reads the FROM line the way BuildKit's scanner does; `@dockwright/ast`
 * is taking over such raw-text work (an instruction's layout, replacing its text), and this
 * file moves onto it then.
 */
import {
  type ChildNode,
  cloneWith,
  type EscapeChar,
  type InstructionNode,
  parse,
  print,
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
  const rebuilt = (): InstructionNode => cloneWith(node, { args: [image, ...node.args.slice(1)] });
  if (node.raws === undefined) return rebuilt();
  const text = print(node);
  const at = imageWordAt(text, esc);
  if (at === null) return rebuilt();
  const spliced = text.slice(0, at.start) + image + text.slice(at.end);
  const tree = parse(spliced);
  const parsed = tree.children[0];
  if (
    tree.children.length !== 1 ||
    parsed?.type !== 'instruction' ||
    parsed.args[0] !== image ||
    JSON.stringify(parsed.args.slice(1)) !== JSON.stringify(node.args.slice(1)) ||
    JSON.stringify(parsed.flags) !== JSON.stringify(node.flags)
  ) {
    return rebuilt();
  }
  // The spliced line stands where the old one stood: the blank lines before it are kept.
  return cloneWith(parsed, { raws: Object.freeze({ ...parsed.raws!, before: node.raws.before }) });
}

/**
 * Where FROM's image word is in the instruction's text: after the keyword and the `--` flag
 * words, across continuation lines (and the comment or blank lines BuildKit skips in them).
 */
function imageWordAt(text: string, esc: EscapeChar): { start: number; end: number } | null {
  let i = 0;
  const n = text.length;
  const skipBlank = () => {
    for (;;) {
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      // A continuation: the escape char, blanks, the line break; then skipped lines.
      if (text[i] === esc) {
        let j = i + 1;
        while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
        if (text[j] === '\r') j++;
        if (text[j] !== '\n') return;
        i = j + 1;
        while (i < n) {
          let k = i;
          while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
          if (text[k] === '#' || text[k] === '\n' || text[k] === '\r') {
            const nl = text.indexOf('\n', k);
            if (nl === -1) return;
            i = nl + 1;
          } else break;
        }
        continue;
      }
      return;
    }
  };
  const wordEnd = () => {
    let quote = '';
    while (i < n) {
      const c = text[i]!;
      if (quote !== '') {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') break;
      else if (c === esc) return null;
      i++;
    }
    return i;
  };
  skipBlank();
  while (i < n && /[A-Za-z]/.test(text[i]!)) i++; // the keyword
  for (;;) {
    skipBlank();
    if (text.startsWith('--', i)) {
      if (wordEnd() === null) return null;
      continue;
    }
    const start = i;
    const end = wordEnd();
    return end === null || end === start ? null : { start, end };
  }
}
