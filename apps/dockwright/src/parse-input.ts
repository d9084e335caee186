import { type DockerfileNode, parse } from '@dockwright/ast';
import { escapeTerminal } from '@dockwright/lint';
import type { Input } from './read-input.js';

/** Parses an input: the tree, and each error diagnostic as `name:line:column: reason`. */
export function parseInput(input: Input): { tree: DockerfileNode; errors: string[] } {
  const tree = parse(input.text, { file: input.name });
  const errors = tree.diagnostics
    .filter((d) => d.severity === 'error')
    .map(
      (d) =>
        `${escapeTerminal(input.name)}:${d.position.line}:${d.position.column}: ${escapeTerminal(d.message, 500)}`,
    );
  return { tree, errors };
}
