import { describe, expect, it } from 'vitest';
import {
  createInstruction,
  dump,
  parse,
  print,
  transform,
  viewRun,
  withChildren,
} from './index.js';
import type { InstructionNode } from './tree/nodes.js';

// The example at the top of README.md, kept honest.
describe('README example', () => {
  const text = 'FROM node:22-slim AS deps\nRUN --mount=type=cache,target=/root/.npm npm ci\n';
  const tree = parse(text, { file: 'Dockerfile' });

  it('round-trips, dumps and has no diagnostics', () => {
    expect(print(tree)).toBe(text);
    expect(dump(tree)).toBe(
      '(from "node:22-slim" "AS" "deps")\n(run ["--mount=type=cache,target=/root/.npm"] "npm ci")\n',
    );
    expect(tree.diagnostics).toEqual([]);
  });

  it('views the cache mount with its defaults', () => {
    expect(viewRun(tree.children[1] as InstructionNode).mounts[0]).toMatchObject({
      type: 'cache',
      target: '/root/.npm',
      id: '/root/.npm',
      sharing: 'shared',
    });
  });

  it('adds a CMD after RUN, printing the rest byte for byte', () => {
    const edited = transform(tree, (node) =>
      node.type === 'instruction' && node.keyword === 'RUN'
        ? [node, createInstruction('CMD', { args: ['node', 'server.js'], json: true })]
        : undefined,
    );
    expect(print(edited)).toBe(`${text}CMD ["node", "server.js"]\n`);
  });

  it('edits a parsed node with a spread, and the node is plain data', () => {
    const run = tree.children[1] as InstructionNode;
    expect({ ...run }).toEqual(run);
    expect(print({ ...run, args: ['npm ci --omit=dev'] })).toBe(
      'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev\n',
    );
    const edited = withChildren(tree, [tree.children[0]!, { ...run, args: ['npm ci --omit=dev'] }]);
    expect(print(edited)).toBe(
      'FROM node:22-slim AS deps\nRUN --mount=type=cache,target=/root/.npm npm ci --omit=dev\n',
    );
    expect(print(JSON.parse(JSON.stringify(tree)))).toBe(text);
  });
});
