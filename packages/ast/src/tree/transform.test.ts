import { describe, expect, it } from 'vitest';
import { parse } from '../parser/parse.js';
import { print } from '../print/print.js';
import { createComment, createInstruction } from './factories.js';
import type { InstructionNode } from './nodes.js';
import { transform } from './transform.js';

describe('transform', () => {
  const text = 'FROM node:22 AS build\n\n# deps\nRUN npm ci\nMAINTAINER me\n\nRUN npm run build\n';

  it('returns the tree itself when nothing changes', () => {
    const tree = parse(text);
    expect(transform(tree, () => undefined)).toBe(tree);
    expect(transform(tree, (n) => n)).toBe(tree);
  });

  it('keeps untouched nodes by identity and prints them byte for byte', () => {
    const tree = parse(text);
    const out = transform(tree, (n) =>
      n.type === 'instruction' && n.keyword === 'MAINTAINER' ? null : undefined,
    );
    expect(out).not.toBe(tree);
    expect(Object.isFrozen(out)).toBe(true);
    expect(Object.isFrozen(out.children)).toBe(true);
    expect(out.children[0]).toBe(tree.children[0]);
    expect(print(out)).toBe('FROM node:22 AS build\n\n# deps\nRUN npm ci\n\nRUN npm run build\n');
  });

  it('moves the blank lines of a removed node to the next one', () => {
    const tree = parse('FROM a\n\nMAINTAINER me\nRUN x\n');
    const out = transform(tree, (n) =>
      n.type === 'instruction' && n.keyword === 'MAINTAINER' ? [] : undefined,
    );
    expect(print(out)).toBe('FROM a\n\nRUN x\n');
  });

  it('replaces a node with several, and inserts generated nodes', () => {
    const tree = parse(text);
    const out = transform(tree, (n) => {
      if (n.type === 'instruction' && n.keyword === 'MAINTAINER') {
        return [
          createComment('was MAINTAINER'),
          createInstruction('LABEL', { args: ['maintainer', '"me"', '='] }),
        ];
      }
    });
    expect(print(out)).toContain('# was MAINTAINER\nLABEL maintainer="me"\n');
    expect(out.children).toHaveLength(tree.children.length + 1);
  });

  it('transforms ONBUILD triggers', () => {
    const tree = parse('FROM a\nONBUILD RUN make\n');
    const out = transform(tree, (n, ctx) => {
      if (ctx.onbuild && n.type === 'instruction')
        return createInstruction('RUN', { args: ['make all'] });
    });
    expect((out.children[1] as InstructionNode).trigger?.args).toEqual(['make all']);
    expect(print(out)).toBe('FROM a\nONBUILD RUN make all\n');
    const removed = transform(tree, (_n, ctx) => (ctx.onbuild ? null : undefined));
    expect(print(removed)).toBe('FROM a\n');
    expect(() =>
      transform(tree, (_n, ctx) => (ctx.onbuild ? [createComment('x')] : undefined)),
    ).toThrow(TypeError);
  });

  it('does not visit a replacement again', () => {
    const tree = parse('FROM a\nRUN x\n');
    let calls = 0;
    transform(tree, (n) => {
      calls++;
      if (n.type === 'instruction' && n.keyword === 'RUN')
        return createInstruction('RUN', { args: ['y'] });
    });
    expect(calls).toBe(2);
  });
});
