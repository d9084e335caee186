import { type DockerfileNode, parse, print } from '@dockwright/ast';
import type { DockerfileInput } from './types.js';

/** A Dockerfile as text and as the tree parsed from that text (so positions match the text). */
export interface ResolvedDockerfile {
  readonly text: string;
  readonly tree: DockerfileNode;
}

function isTree(value: unknown): value is DockerfileNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'dockerfile' &&
    Array.isArray((value as { children?: unknown }).children)
  );
}

function isBuilder(value: unknown): value is { toAst(): DockerfileNode; toString(): string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toAst?: unknown }).toAst === 'function'
  );
}

/**
 * The text and tree of a builder, a tree or a text. The text is what the engine receives; the
 * tree is parsed back from it, so every line number the engine reports points into it.
 *
 * @example
 * ```ts
 * resolveDockerfile(dockerfile().from('alpine:3.20')).text // 'FROM alpine:3.20\n'
 * ```
 */
export function resolveDockerfile(input: DockerfileInput, file = 'Dockerfile'): ResolvedDockerfile {
  let text: string;
  if (typeof input === 'string') text = input;
  else if (isTree(input)) text = print(input);
  else if (isBuilder(input)) text = print(input.toAst());
  else {
    throw new TypeError(
      `expected a Dockerfile: its text, an @dockwright/ast tree or an @dockwright/sdk builder, not ${describe(input)}`,
    );
  }
  return { text, tree: parse(text, { file }) };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without toAst()' : typeof value;
}
