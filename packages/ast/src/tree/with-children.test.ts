import { describe, expect, it } from 'vitest';
import { parse } from '../parser/parse.js';
import { print } from '../print/print.js';
import { createComment, createInstruction } from './factories.js';
import type { InstructionNode } from './nodes.js';
import { transform } from './transform.js';
import { withChildren } from './with-children.js';

const codes = (tree: { diagnostics: readonly { code: string }[] }) =>
  tree.diagnostics.map((d) => d.code);

describe('withChildren', () => {
  const text = 'FROM alpine\n\n\nRUN --bogus x\nCMD [\nENV a=1 b\n';
  const tree = parse(text);

  it('keeps the diagnostics of the children it keeps, and no others', () => {
    expect(codes(tree)).toEqual(['UnknownFlag', 'InvalidArguments']);
    const [from, run, cmd, env] = tree.children;
    expect(codes(withChildren(tree, [from!, run!, cmd!, env!]))).toEqual(codes(tree));
    expect(codes(withChildren(tree, [from!, cmd!, env!]))).toEqual(['InvalidArguments']);
    expect(codes(withChildren(tree, [from!, run!]))).toEqual(['UnknownFlag']);
    // Moved about, a child keeps its own.
    expect(codes(withChildren(tree, [env!, from!, run!]))).toEqual([
      'UnknownFlag',
      'InvalidArguments',
    ]);
  });

  it('drops the diagnostics of an edited child: they described its old text', () => {
    const [from, run] = tree.children as InstructionNode[];
    const fixed = { ...run!, flags: [] };
    const next = withChildren(tree, [from!, fixed]);
    expect(codes(next)).toEqual([]);
    expect(print(next)).toBe('FROM alpine\n\n\nRUN x\n');
  });

  it('keeps a diagnostic found in the blank lines before a child with that child', () => {
    const long = `FROM a\n${' '.repeat(70_000)}\nRUN x\n`;
    const parsed = parse(long);
    expect(codes(parsed)).toEqual(['LineTooLong']);
    const [from, run] = parsed.children;
    expect(codes(withChildren(parsed, [from!, run!]))).toEqual(['LineTooLong']);
    expect(codes(withChildren(parsed, [from!]))).toEqual([]);
  });

  it('says "file with no instructions" only while there are none', () => {
    const notes = parse('# one\n# two\n');
    expect(codes(notes)).toEqual(['NoInstructions']);
    expect(codes(withChildren(notes, [notes.children[0]!]))).toEqual(['NoInstructions']);
    expect(codes(withChildren(notes, [createInstruction('FROM', { args: ['a'] })]))).toEqual([]);
  });

  it('keeps the tree’s other fields and its raws, and freezes the result', () => {
    const crlf = parse('\ufeffFROM a\r\n\r\n', { file: 'Dockerfile.dev' });
    const next = withChildren(crlf, [...crlf.children, createComment('end')]);
    expect(Object.isFrozen(next)).toBe(true);
    expect(Object.isFrozen(next.children)).toBe(true);
    expect(next).toMatchObject({ escape: '\\', file: 'Dockerfile.dev', raws: crlf.raws });
    expect(print(next)).toBe('\ufeffFROM a\r\n# end\r\n\r\n');
  });
});

describe('transform keeps the diagnostics of the nodes it keeps', () => {
  it('even a node that took the blank lines of a removed one', () => {
    const tree = parse('FROM a\n\nMAINTAINER me\nRUN --bogus x\n');
    const out = transform(tree, (n) =>
      n.type === 'instruction' && n.keyword === 'MAINTAINER' ? null : undefined,
    );
    expect(print(out)).toBe('FROM a\n\nRUN --bogus x\n');
    expect(codes(out)).toEqual(['UnknownFlag']);
    const fixed = transform(tree, (n) =>
      n.type === 'instruction' && n.keyword === 'RUN' ? { ...n, flags: [] } : undefined,
    );
    expect(codes(fixed)).toEqual([]);
  });
});
