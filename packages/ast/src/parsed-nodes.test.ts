import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dockerishText } from '../test/dockerish.js';
import { dump } from './dump.js';
import { cloneWith } from './factories.js';
import type { CommentNode, InstructionNode } from './nodes.js';
import { parse, parseEagerly } from './parse.js';
import { print } from './print.js';

// Instructions and comments are read from the text on first use; these tests hold them to
// what parsing everything at once gives, field for field and diagnostic for diagnostic.

const fixtures = new URL('../test/fixtures/', import.meta.url).pathname;
function dockerfiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return dockerfiles(path);
    return entry === 'Dockerfile' || entry.endsWith('.Dockerfile') ? [path] : [];
  });
}
const files = dockerfiles(fixtures);

const same = (text: string) => {
  const lazy = parse(text, { file: 'Dockerfile' });
  const eager = parseEagerly(text, { file: 'Dockerfile' });
  // Read in a different order from the eager parse: diagnostics first, then the nodes.
  expect(JSON.parse(JSON.stringify(lazy.diagnostics))).toEqual(
    JSON.parse(JSON.stringify(eager.diagnostics)),
  );
  expect(JSON.parse(JSON.stringify(lazy))).toEqual(JSON.parse(JSON.stringify(eager)));
};

const dockerish = dockerishText(80);

describe('nodes read on first use', () => {
  it(`read as an eager parse reads them (${files.length} fixture files)`, () => {
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) same(readFileSync(file, 'utf8'));
  });

  it('read as an eager parse reads them, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(dockerish, fc.string({ unit: 'binary', maxLength: 120 })), same),
      { numRuns: 3000 },
    );
  });

  it("keep a keyword that only resembles one of BuildKit's (ŒUN is not RUN)", () => {
    for (const word of ['ŒUN', 'ŁDD', 'R\u5255N', 'RUNN', 'RU']) {
      const tree = parse(`FROM a\n${word} echo hi\n`);
      expect((tree.children[1] as InstructionNode).keyword).toBe(word.toUpperCase());
      expect(tree.diagnostics.map((d) => d.code)).toEqual(['UnknownInstruction']);
    }
  });

  it('are edited by cloneWith even when another copy of the package parsed them', () => {
    const plain = parseEagerly('FROM a\nRUN x\n').children[1] as InstructionNode;
    // What a parsed node from another copy looks like here: fields only through toJSON.
    const foreign = Object.create({ toJSON: () => plain }) as InstructionNode;
    expect(print(cloneWith(foreign, { args: ['y'] }))).toBe('RUN y\n');
  });

  it('read a chain of thousands of ONBUILDs without overflowing the stack', () => {
    const text = `FROM a\n${'ONBUILD '.repeat(5000)}RUN x\n`;
    for (const tree of [parse(text), parseEagerly(text)]) {
      expect(print(tree)).toBe(text);
      expect(tree.diagnostics.map((d) => d.code)).toEqual(['InvalidOnbuildTrigger']);
      let depth = 0;
      for (let n = tree.children[1] as InstructionNode | null; n; n = n.trigger) depth++;
      expect(depth).toBe(101);
      expect(dump(tree)).toContain('(onbuild (onbuild');
    }
  });

  it('keep what they read: the same arrays and raws on every read', () => {
    const tree = parse('FROM alpine\n# note\nRUN echo hi\n');
    const run = tree.children[2] as InstructionNode;
    expect(run.keyword).toBe('RUN');
    expect(run.args).toBe(run.args);
    expect(run.raws).toBe(run.raws);
    expect(run.args).toEqual(['echo hi']);
    expect(run.raws?.value.args).toBe(run.args);
  });

  it('cannot be assigned to, and print their text until edited with cloneWith', () => {
    const tree = parse('FROM alpine\n\n# old\nRUN  echo   hi\n');
    const [, comment, run] = tree.children as [InstructionNode, CommentNode, InstructionNode];
    expect(() => {
      (run as { args: readonly string[] }).args = [];
    }).toThrow(TypeError);
    expect(() => {
      (comment as { type: string }).type = 'instruction';
    }).toThrow(TypeError);
    expect(print(run)).toBe('RUN  echo   hi\n');
    const edited = cloneWith(run, { args: ['echo bye'] });
    const note = cloneWith(comment, { text: 'new' });
    expect(Object.isFrozen(edited)).toBe(true);
    expect(print(cloneWith(tree, { children: [tree.children[0]!, note, edited] }))).toBe(
      'FROM alpine\n\n# new\nRUN echo bye\n',
    );
  });

  it('a tree serialises with its diagnostics, and a spread of it still prints', () => {
    const tree = parse('FROM alpine\nRUN --bogus echo\n');
    expect(JSON.parse(JSON.stringify(tree)).diagnostics).toHaveLength(1);
    expect(print({ ...tree, children: tree.children.slice(0, 1) })).toBe('FROM alpine\n');
  });

  it('a copy of a tree keeps reading its diagnostics on first use', () => {
    const tree = parse('FROM alpine\nRUN --bogus echo\n');
    const copy = cloneWith(tree, { children: tree.children.slice(0, 1) });
    expect(copy.diagnostics.map((d) => d.code)).toEqual(['UnknownFlag']);
    expect(copy.children).toHaveLength(1);
    expect(Object.isFrozen(copy)).toBe(true);
  });
});
