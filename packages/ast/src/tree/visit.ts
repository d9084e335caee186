import { INSTRUCTION_KEYWORDS, type InstructionKeyword } from '../syntax/keywords.js';
import type {
  ChildNode,
  CommentNode,
  DirectiveNode,
  DockerfileNode,
  InstructionNode,
} from './nodes.js';

/** Where a visited node sits: its parent (the tree, or the ONBUILD holding a trigger) and index. */
export interface VisitContext {
  readonly tree: DockerfileNode;
  readonly parent: DockerfileNode | InstructionNode;
  /** Index in `parent.children`; 0 for an ONBUILD trigger. */
  readonly index: number;
  /** The ONBUILD instruction when the node is its trigger, else null. */
  readonly onbuild: InstructionNode | null;
}

/** A callback; returning `false` stops the whole traversal. */
// biome-ignore lint/suspicious/noConfusingVoidType: lets a callback simply not return
export type VisitFn<N> = (node: N, ctx: VisitContext) => boolean | undefined | void;

export type { InstructionKeyword };

/**
 * Callbacks by node type (`instruction`, `comment`, `directive`) and by instruction keyword
 * (`FROM`, `RUN`, …). For an instruction, `instruction` runs first, then its keyword callback.
 */
export type Visitor = {
  readonly instruction?: VisitFn<InstructionNode>;
  readonly comment?: VisitFn<CommentNode>;
  readonly directive?: VisitFn<DirectiveNode>;
} & { readonly [K in InstructionKeyword]?: VisitFn<InstructionNode> };

/**
 * Walks a tree in document order, ONBUILD triggers right after their ONBUILD (with the ONBUILD
 * as `ctx.parent`). Returns false when a callback stopped the walk by returning `false`.
 *
 * @example
 * ```ts
 * const images: string[] = []
 * visit(parse('FROM node:22 AS build\nFROM nginx\n'), {
 *   FROM(node) { images.push(node.args[0]!) },
 * })
 * // images: ['node:22', 'nginx']
 * ```
 */
export function visit(tree: DockerfileNode, visitor: Visitor): boolean {
  const children = tree.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (!visitNode(child, { tree, parent: tree, index, onbuild: null }, visitor)) return false;
  }
  return true;
}

function visitNode(node: ChildNode, ctx: VisitContext, visitor: Visitor): boolean {
  switch (node.type) {
    case 'comment':
      return visitor.comment?.(node, ctx) !== false;
    case 'directive':
      return visitor.directive?.(node, ctx) !== false;
    case 'instruction': {
      if (visitor.instruction?.(node, ctx) === false) return false;
      const byKeyword = (visitor as Record<string, VisitFn<InstructionNode> | undefined>)[
        node.keyword
      ];
      if (byKeyword !== undefined && KEYWORDS.has(node.keyword)) {
        if (byKeyword(node, ctx) === false) return false;
      }
      if (node.trigger !== null) {
        return visitNode(
          node.trigger,
          { tree: ctx.tree, parent: node, index: 0, onbuild: node },
          visitor,
        );
      }
      return true;
    }
  }
}

const KEYWORDS: ReadonlySet<string> = new Set(INSTRUCTION_KEYWORDS);
