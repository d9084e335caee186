import { describe, expect, it } from 'vitest';
import { parse } from '../parser/parse.js';
import { print } from '../print/print.js';
import { createComment, createInstruction } from '../tree/factories.js';
import type { InstructionNode } from '../tree/nodes.js';
import { withChildren } from '../tree/with-children.js';
import { instructionLayout } from './instruction-layout.js';
import { replaceInstructionText } from './replace-instruction-text.js';
import { sourceText } from './source-text.js';
import { withArgumentsText } from './with-arguments-text.js';
import { withKeywordText } from './with-keyword-text.js';
import { withRest } from './with-rest.js';

const nth = (text: string, i: number) => parse(text).children[i] as InstructionNode;

describe('sourceText', () => {
  it('is a node’s text without the blank lines before it', () => {
    const tree = parse('# syntax=x\nFROM a\n\n  run  echo hi \\\n  there\n# note\n');
    expect(tree.children.map(sourceText)).toEqual([
      '# syntax=x\n',
      'FROM a\n',
      '  run  echo hi \\\n  there\n',
      '# note\n',
    ]);
    expect(sourceText(createInstruction('RUN', { args: ['x'] }))).toBeNull();
  });
});

describe('instructionLayout', () => {
  const words = (node: InstructionNode, escape: '\\' | '`' = '\\') => {
    const layout = instructionLayout(node, escape)!;
    return layout.words.map((w) => layout.text.slice(w.start, w.end));
  };

  it('finds the logical line, its continuation points and the lines BuildKit skips', () => {
    const run = nth('FROM a\n  RUN apt-get update \\\n # tools\n\n  && apt-get install git\n', 1);
    const layout = instructionLayout(run, '\\')!;
    const { text } = layout;
    expect(text.slice(layout.keywordStart, layout.keywordEnd)).toBe('RUN');
    expect(layout.continuations.map((at) => text[at])).toEqual(['\\']);
    expect(layout.skipped.map((s) => text.slice(s.start, s.end))).toEqual([' # tools\n', '\n']);
    expect(text.slice(layout.lineEnd)).toBe('\n');
    expect(layout.eol).toBe('\n');
    expect(layout.bodiesStart).toBe(text.length);
    expect(words(run)).toEqual(['apt-get', 'update', '&&', 'apt-get', 'install', 'git']);
  });

  it('keeps CRLF terminators and heredoc bodies apart from the logical line', () => {
    const copy = nth('FROM a\r\nCOPY --chmod=755 <<EOF /run.sh\r\necho hi\r\nEOF\r\n', 1);
    const layout = instructionLayout(copy, '\\')!;
    expect(layout.eol).toBe('\r\n');
    expect(layout.text.slice(layout.bodiesStart)).toBe('echo hi\r\nEOF\r\n');
    expect(words(copy)).toEqual(['--chmod=755', '<<EOF', '/run.sh']);
  });

  it('reads continuations with the file’s escape character', () => {
    const run = nth('# escape=`\nFROM a\nRUN dir c:\\ `\n  /s\n', 2);
    expect(instructionLayout(run, '`')!.continuations).toHaveLength(1);
    expect(words(run, '`')).toEqual(['dir', 'c:\\', '/s']);
  });

  it('ends with the file when the last line has no terminator, or a continuation runs out', () => {
    const last = nth('FROM a\nCMD x', 1);
    expect(instructionLayout(last, '\\')).toMatchObject({ eol: '', lineEnd: 5, bodiesStart: 5 });
    const open = nth('FROM a\nRUN x \\\n# c\n', 1);
    const layout = instructionLayout(open, '\\')!;
    expect(layout.text.slice(layout.bodiesStart)).toBe('');
    expect(layout.skipped).toHaveLength(1);
  });

  it('is null without keyword text of its own', () => {
    expect(instructionLayout(nth('FROM a\nRU\\\nN x\n', 1), '\\')).toBeNull();
    expect(instructionLayout(createInstruction('RUN', { args: ['x'] }), '\\')).toBeNull();
  });
});

describe('withKeywordText', () => {
  it('rewrites the keyword and keeps every other byte', () => {
    const run = nth('FROM a\n\n  run  echo hi \\\n   there\n', 1);
    const fixed = withKeywordText(run, 'RUN')!;
    expect(print(fixed)).toBe('  RUN  echo hi \\\n   there\n');
    expect(fixed.raws?.before).toBe('\n');
    expect(Object.isFrozen(fixed)).toBe(true);
  });

  it('is null for a split keyword and refuses another keyword', () => {
    expect(withKeywordText(nth('FROM a\nru\\\nn x\n', 1), 'RUN')).toBeNull();
    expect(() => withKeywordText(nth('FROM a\nrun x\n', 1), 'CMD')).toThrow(RangeError);
  });
});

describe('replaceInstructionText', () => {
  const cmd = nth('FROM a\n\n\nCMD node app.js\n', 1);

  it('puts the parsed text in the node’s place, with its blank lines and position', () => {
    const next = replaceInstructionText(cmd, 'CMD ["node", "app.js"]\n', '\\')!;
    expect(next).toMatchObject({ keyword: 'CMD', args: ['node', 'app.js'], json: true });
    expect(next.position).toBe(cmd.position);
    expect(next.raws?.before).toBe('\n\n');
    const tree = parse('FROM a\n\n\nCMD node app.js\n');
    expect(print(withChildren(tree, [tree.children[0]!, next]))).toBe(
      'FROM a\n\n\nCMD ["node", "app.js"]\n',
    );
  });

  it('refuses text that is not exactly one clean instruction', () => {
    expect(replaceInstructionText(cmd, 'CMD a\nCMD b\n', '\\')).toBeNull();
    expect(replaceInstructionText(cmd, '# CMD a\n', '\\')).toBeNull();
    expect(replaceInstructionText(cmd, 'COPY --bogus a b\n', '\\')).toBeNull();
    expect(replaceInstructionText(cmd, '\nCMD a\n', '\\')).toBeNull();
    expect(replaceInstructionText(cmd, 'CMD a\n\n', '\\')).toBeNull();
  });

  it('reads the text with the file’s escape character', () => {
    const next = replaceInstructionText(cmd, 'RUN dir `\n  /s\n', '`')!;
    expect(next.args).toEqual(['dir   /s']);
    expect(print(next)).toBe('RUN dir `\n  /s\n');
  });
});

describe('withArgumentsText', () => {
  it('replaces the logical line after the keyword, keeping its terminator and heredoc bodies', () => {
    const env = nth('FROM a\r\nenv A b \\\r\n  c\r\n', 1);
    expect(print(withArgumentsText(env, ' A="b   c"', '\\')!)).toBe('env A="b   c"\r\n');
    const run = nth('FROM a\nRUN <<EOF\necho hi\nEOF\n', 1);
    const next = withArgumentsText(run, ' --network=none <<EOF', '\\')!;
    expect(print(next)).toBe('RUN --network=none <<EOF\necho hi\nEOF\n');
    expect(next.heredocs).toEqual(run.heredocs);
  });

  it('is null when the new text does not parse cleanly', () => {
    expect(withArgumentsText(nth('FROM a\nENV A b\n', 1), ' A', '\\')).toBeNull();
  });
});

describe('withRest', () => {
  it('lays a generated instruction out until it is edited', () => {
    const run = withRest(createInstruction('RUN', { args: ['a     && b'] }), ' a \\\n    && b\n');
    expect(print(run)).toBe('RUN a \\\n    && b\n');
    expect(parse(`FROM x\n${print(run)}`).children[1]).toMatchObject({ args: run.args });
    expect(print({ ...run, args: ['c'] })).toBe('RUN c\n');
  });
});

describe('printing a node that ended its file', () => {
  it('ends its line when others now follow it', () => {
    const tree = parse('FROM a\r\n# last');
    const grown = withChildren(tree, [
      ...tree.children,
      createInstruction('RUN', { args: ['x'] }),
      createComment('end'),
    ]);
    expect(print(grown)).toBe('FROM a\r\n# last\r\nRUN x\r\n# end\r\n');
    expect(print(tree)).toBe('FROM a\r\n# last');
  });
});
