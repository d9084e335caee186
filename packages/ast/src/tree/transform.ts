import type { ChildNode, DockerfileNode, InstructionNode } from './nodes.js';
import type { VisitContext } from './visit.js';
import { deriveTree } from './with-children.js';

/**
 * What a transform callback returns: nothing (or the same node) to keep it, a node to replace
 * it, an array to replace it with several (or none), `null` to remove it.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: lets a callback simply not return
export type TransformResult = ChildNode | readonly ChildNode[] | null | undefined | void;

export type TransformFn = (node: ChildNode, ctx: VisitContext) => TransformResult;

/**
 * A new frozen tree with `fn` applied to every child and every ONBUILD trigger (document order;
 * a replacement is not visited again). Untouched nodes keep their identity, so they print byte
 * for byte, and the new tree keeps their diagnostics only (as `withChildren` does). When nodes
 * are removed, the blank lines that preceded them move to the next kept node if that node had
 * fewer, so paragraphs stay apart. A trigger can only be replaced by one instruction; removing
 * it (null or `[]`) removes its ONBUILD. The tree itself is returned when nothing changed.
 *
 * @example
 * ```ts
 * // Drop MAINTAINER, pin every `latest` tag.
 * transform(tree, (node) => {
 *   if (node.type !== 'instruction') return
 *   if (node.keyword === 'MAINTAINER') return null
 *   if (node.keyword === 'FROM' && node.args[0]?.endsWith(':latest'))
 *     return createInstruction('FROM', { args: [node.args[0].replace(/:latest$/, ':1.27'), ...node.args.slice(1)] })
 * })
 * ```
 */
export function transform(tree: DockerfileNode, fn: TransformFn): DockerfileNode {
  const out: ChildNode[] = [];
  let changed = false;
  // Blank lines of removed nodes waiting for the next kept node.
  let pendingBefore: string | null = null;
  // Kept nodes given those blank lines, and the nodes they were.
  let respaced: Map<ChildNode, ChildNode> | null = null;
  const children = tree.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    const ctx: VisitContext = { tree, parent: tree, index, onbuild: null };
    const result = fn(child, ctx);
    let replacement: readonly ChildNode[];
    if (result === undefined || result === child) {
      const kept = child.type === 'instruction' ? transformTrigger(child, tree, fn) : child;
      if (kept === null) {
        changed = true;
        pendingBefore = longer(pendingBefore, beforeOf(child));
        continue;
      }
      replacement = [kept];
      if (kept !== child) changed = true;
    } else {
      changed = true;
      replacement = result === null ? [] : isArray(result) ? result : [result];
    }
    if (replacement.length === 0) {
      pendingBefore = longer(pendingBefore, beforeOf(child));
      continue;
    }
    for (let i = 0; i < replacement.length; i++) {
      let node = replacement[i]!;
      if (i === 0 && pendingBefore !== null) {
        const original = node;
        node = withBefore(node, pendingBefore);
        if (node !== original) {
          respaced ??= new Map();
          respaced.set(node, original);
        }
        pendingBefore = null;
      }
      out.push(node);
    }
  }
  if (!changed) return tree;
  return deriveTree(tree, out, respaced);
}

function transformTrigger(
  node: InstructionNode,
  tree: DockerfileNode,
  fn: TransformFn,
): InstructionNode | null {
  const trigger = node.trigger;
  if (trigger === null) return node;
  const result = fn(trigger, { tree, parent: node, index: 0, onbuild: node });
  if (result === undefined || result === trigger) {
    const inner = transformTrigger(trigger, tree, fn);
    if (inner === trigger) return node;
    if (inner === null) return null;
    return Object.freeze({ ...node, trigger: inner });
  }
  const list = result === null ? [] : isArray(result) ? result : [result];
  if (list.length === 0) return null;
  const replacement = list[0]!;
  if (list.length > 1 || replacement.type !== 'instruction') {
    throw new TypeError(
      `transform: an ONBUILD trigger can only be replaced by one instruction, got ${list.length > 1 ? `${list.length} nodes` : `a ${replacement.type}`}`,
    );
  }
  return Object.freeze({ ...node, trigger: replacement });
}

function isArray(value: TransformResult): value is readonly ChildNode[] {
  return Array.isArray(value);
}

function beforeOf(node: ChildNode): string {
  return node.raws?.before ?? '';
}

function longer(a: string | null, b: string): string | null {
  if (a === null) return b === '' ? null : b;
  return b.length > a.length ? b : a;
}

function withBefore(node: ChildNode, before: string): ChildNode {
  const raws = node.raws;
  // A generated node (no raws) is spaced by the printer.
  if (raws === undefined || raws.before.length >= before.length) return node;
  return Object.freeze({ ...node, raws: Object.freeze({ ...raws, before }) }) as ChildNode;
}
