import { describe, expect, it } from 'vitest';
import { parse } from '../parser/parse.js';
import { print } from '../print/print.js';
import type { CommentNode, DirectiveNode, DockerfileNode, InstructionNode } from './nodes.js';

// Parsed nodes are plain frozen data: every way of copying or comparing an object sees all of
// a node, and an edit is an ordinary spread.
const text =
  '# syntax=docker/dockerfile:1\n\nFROM node:22 AS build\n# deps\nRUN --mount=type=cache,target=/root/.npm npm ci\nONBUILD COPY <<EOF /x\nhi\nEOF\n';
const tree = parse(text, { file: 'Dockerfile' });
const [directive, from, comment, run, onbuild] = tree.children as [
  DirectiveNode,
  InstructionNode,
  CommentNode,
  InstructionNode,
  InstructionNode,
];

const INSTRUCTION_KEYS = [
  'type',
  'keyword',
  'flags',
  'args',
  'json',
  'heredocs',
  'trigger',
  'position',
  'raws',
];

describe('parsed nodes are plain data', () => {
  it('own every field: Object.keys, a spread and structuredClone see the whole node', () => {
    for (const node of [from, run, onbuild]) {
      expect(Object.keys(node)).toEqual(INSTRUCTION_KEYS);
      expect({ ...node }).toEqual(node);
      expect(structuredClone(node)).toEqual(node);
    }
    expect(Object.keys(comment)).toEqual(['type', 'text', 'position', 'raws']);
    expect({ ...comment }).toEqual(comment);
    expect(Object.keys(directive)).toEqual(['type', 'name', 'value', 'position', 'raws']);
    expect(Object.keys(tree)).toEqual([
      'type',
      'children',
      'escape',
      'diagnostics',
      'file',
      'position',
      'raws',
    ]);
    expect(structuredClone(tree)).toEqual(tree);
  });

  it('JSON.stringify writes the whole node, and the text prints back from it', () => {
    const json = JSON.parse(JSON.stringify(run)) as InstructionNode;
    expect(json).toEqual(run);
    expect(json.raws?.rest).toBe(' --mount=type=cache,target=/root/.npm npm ci\n');
    const copy = JSON.parse(JSON.stringify(tree)) as DockerfileNode;
    expect(copy).toEqual(tree);
    expect(print(copy)).toBe(text);
    expect(print(structuredClone(tree))).toBe(text);
  });

  it('are frozen, their arrays and raws too', () => {
    for (const value of [
      tree,
      tree.children,
      tree.diagnostics,
      run,
      run.args,
      run.flags,
      run.flags[0],
      run.position,
      run.raws,
      onbuild.heredocs,
      onbuild.trigger,
      comment,
      comment.raws,
    ]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    expect(() => {
      (run as { args: readonly string[] }).args = [];
    }).toThrow(TypeError);
  });

  it('are edited with a spread: the edited node prints what it now says', () => {
    expect(print(run)).toBe('RUN --mount=type=cache,target=/root/.npm npm ci\n');
    expect(print({ ...run, args: ['npm ci --omit=dev'] })).toBe(
      'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev\n',
    );
    expect(print({ ...comment, text: 'dependencies' })).toBe('# dependencies\n');
    // A keyword change keeps the rest of the text when the keyword stands alone.
    expect(print({ ...from, keyword: 'FRUM' })).toBe('FRUM node:22 AS build\n');
  });

  it('compare equal when parsed twice from the same text', () => {
    expect(parse(text, { file: 'Dockerfile' })).toEqual(tree);
  });
});
