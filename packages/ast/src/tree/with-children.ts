import type { ChildNode, Diagnostic, DockerfileNode } from './nodes.js';

/**
 * The tree with `children` in place of its own: its escape, file, position and raws (BOM,
 * trailing blank lines, line terminator) kept, and only the diagnostics that still describe
 * it. The way to derive a changed tree; `transform` uses it.
 *
 * A diagnostic belongs to the child whose text holds it (the blank lines before a child are
 * part of its text), or to the file's trailing text. The new tree keeps those of the children
 * it keeps (the same objects) and those of the trailing text; it drops those of the children
 * it leaves out, and `file with no instructions` once an instruction is there. New nodes bring
 * none: they were not parsed. To check a changed tree as BuildKit would, print it and parse
 * the text.
 *
 * @example
 * ```ts
 * const tree = parse('FROM alpine\nRUN --bogus x\n');
 * tree.diagnostics.length // 1: unknown flag: --bogus
 * withChildren(tree, tree.children.slice(0, 1)).diagnostics // []: the RUN took its error along
 * ```
 */
export function withChildren(tree: DockerfileNode, children: readonly ChildNode[]): DockerfileNode {
  return deriveTree(tree, children, null);
}

/**
 * {@link withChildren}, where `respaced` maps each copy of a child that differs from it only in
 * the blank lines before it (what `transform` makes when it removes the node before) to the
 * child: the copy keeps the child's diagnostics.
 */
export function deriveTree(
  tree: DockerfileNode,
  children: readonly ChildNode[],
  respaced: ReadonlyMap<ChildNode, ChildNode> | null,
): DockerfileNode {
  return Object.freeze({
    ...tree,
    children: Object.isFrozen(children) ? children : Object.freeze([...children]),
    diagnostics: keptDiagnostics(tree, children, respaced),
  });
}

/** Where a child's text starts (its blank lines before it) and ends. */
interface Span {
  readonly from: number;
  readonly to: number;
  readonly child: ChildNode;
}

function keptDiagnostics(
  tree: DockerfileNode,
  children: readonly ChildNode[],
  respaced: ReadonlyMap<ChildNode, ChildNode> | null,
): readonly Diagnostic[] {
  const all = tree.diagnostics;
  if (all.length === 0) return all;
  const spans: Span[] = [];
  let lastEnd = -1;
  for (const child of tree.children) {
    const { position, raws } = child;
    if (position === undefined || raws === undefined) continue;
    const lineStart = position.offset - (position.column - 1);
    spans.push({ from: lineStart - raws.before.length, to: position.endOffset, child });
    if (position.endOffset > lastEnd) lastEnd = position.endOffset;
  }
  spans.sort((a, b) => a.from - b.from);
  const kept = new Set<ChildNode>();
  for (const child of children) kept.add(respaced?.get(child) ?? child);
  const hasInstruction = children.some((c) => c.type === 'instruction');
  const out = all.filter((d) => {
    if (d.code === 'NoInstructions') return !hasInstruction;
    const offset = d.position.offset;
    const owner = spanAt(spans, offset);
    // No child holds it: the trailing text's (kept with the tree's raws), else stale.
    if (owner === null) return offset > lastEnd;
    return kept.has(owner.child);
  });
  return out.length === all.length ? all : Object.freeze(out);
}

/** The span holding `offset` (binary search over spans sorted by start). */
function spanAt(spans: readonly Span[], offset: number): Span | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid]!;
    if (offset < span.from) hi = mid - 1;
    else if (offset > span.to) lo = mid + 1;
    else return span;
  }
  return null;
}
