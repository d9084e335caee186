import { type ChildNode, type DockerfileNode, type InstructionNode, parse } from '@dockwright/ast';
import { expect } from 'vitest';

/** The semantic fields of a node (no position, no raws), for comparing built and parsed trees. */
export function semantic(node: ChildNode): unknown {
  if (node.type === 'comment') return { type: 'comment', text: node.text };
  if (node.type === 'directive') return { type: 'directive', name: node.name, value: node.value };
  return instructionFields(node);
}

function instructionFields(node: InstructionNode): unknown {
  return {
    keyword: node.keyword,
    flags: node.flags.map((f) => ({ name: f.name, value: f.value })),
    args: [...node.args],
    json: node.json,
    heredocs: node.heredocs.map((h) => ({ ...h })),
    trigger: node.trigger ? instructionFields(node.trigger) : null,
  };
}

/**
 * Prints a builder, re-parses the text with @dockwright/ast and checks that the parse has no
 * diagnostics and holds exactly the nodes the builder made. Returns the text.
 */
export function emit(builder: { toString(): string; toAst(): DockerfileNode }): string {
  const text = builder.toString();
  const tree = parse(text);
  expect(tree.diagnostics, text).toEqual([]);
  expect(tree.children.map(semantic), text).toEqual(builder.toAst().children.map(semantic));
  return text;
}

/** What `call` throws (undefined when it returns). */
export function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}
