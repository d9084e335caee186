import { describe, expect, it } from 'vitest';
import { dump } from '../print/dump.js';
import { print } from '../print/print.js';
import { createFlag, createInstruction } from '../tree/factories.js';
import type { DirectiveNode, InstructionNode } from '../tree/nodes.js';
import { DockerfileSyntaxError } from './dockerfile-syntax-error.js';
import { parse, parseStrict } from './parse.js';

const instructions = (text: string) =>
  parse(text).children.filter((c): c is InstructionNode => c.type === 'instruction');
const directives = (text: string) =>
  parse(text).children.filter((c): c is DirectiveNode => c.type === 'directive');
const errors = (text: string) =>
  parse(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.message);

describe('parser directives (directives_test.go facts)', () => {
  it.each([
    ['# escape=`\nFROM a', '`'],
    ['#escape=`\nFROM a', '`'],
    ['# ESCAPE = `\nFROM a', '`'],
    ['  #  escape  =  `  \nFROM a', '`'],
    ['# syntax=x\n# escape=`\nFROM a', '`'],
    ['# comment\n# escape=`\nFROM a', '\\'],
    ['\n# escape=`\nFROM a', '\\'],
    ['FROM a\n# escape=`\nRUN b', '\\'],
    ['# unknown=1\n# escape=`\nFROM a', '\\'],
  ])('%j gives escape %j', (text, escape) => {
    expect(parse(text).escape).toBe(escape);
  });

  it('reads syntax, escape and check, case-insensitively', () => {
    const found = directives(
      '# Syntax = docker/dockerfile:1.7\n# check=skip=all;error=true\nFROM a\n',
    );
    expect(found.map((d) => [d.name, d.value])).toEqual([
      ['syntax', 'docker/dockerfile:1.7'],
      ['check', 'skip=all;error=true'],
    ]);
  });

  it.each([
    ['# escape=`\n# escape=\\\nFROM a', 'only one escape parser directive can be used'],
    ['# syntax=a\n# syntax=b\nFROM a', 'only one syntax parser directive can be used'],
    ['# check=skip=all\n# check=error=true\nFROM a', 'only one check parser directive can be used'],
    ['# escape=x\nFROM a', "invalid escape token 'x' does not match ` or \\"],
    ['# escape=   \nFROM a', "invalid escape token ' ' does not match ` or \\"],
  ])('%j is an error', (text, message) => {
    expect(errors(text)).toContain(message);
  });

  it('treats a directive-looking comment after an instruction as a comment', () => {
    const tree = parse('FROM a\n# escape=`\n');
    expect(tree.children.map((c) => c.type)).toEqual(['instruction', 'comment']);
  });
});

describe('line continuation and comments', () => {
  it('joins continuation lines keeping the next line’s leading whitespace', () => {
    expect(instructions('RUN echo hello\\\n  world\n')[0]!.args).toEqual(['echo hello  world']);
  });

  it('skips comment lines inside a continuation', () => {
    expect(instructions('RUN a \\\n# c\n  b\n')[0]!.args).toEqual(['a   b']);
  });

  it('warns about empty continuation lines and carries on', () => {
    const tree = parse('FROM a\nRUN a \\\n\n  b\nRUN c\n');
    expect(instructions('FROM a\nRUN a \\\n\n  b\nRUN c\n').map((i) => i.args)).toEqual([
      ['a'],
      ['a   b'],
      ['c'],
    ]);
    expect(tree.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'NoEmptyContinuation',
        message: 'Empty continuation lines will become errors in a future release',
        position: expect.objectContaining({ line: 3 }),
      }),
    ]);
  });

  it('does not continue after an escaped escape character', () => {
    expect(instructions('ENV C trailing\\\\\nENV D x\n').map((i) => i.args)).toEqual([
      ['C', 'trailing\\\\', ''],
      ['D', 'x', ''],
    ]);
  });

  it('uses the backtick escape for continuations', () => {
    const text = '# escape=`\nFROM windows\nRUN dir c:\\ `\n  /s\n';
    expect(instructions(text)[1]!.args).toEqual(['dir c:\\   /s']);
    expect(print(parse(text))).toBe(text);
  });

  it('keeps a # that is not at the start of a line', () => {
    expect(instructions('RUN echo a # b\n')[0]!.args).toEqual(['echo a # b']);
  });
});

describe('positions', () => {
  it('locates instructions by 1-based line and column and 0-based offset', () => {
    const tree = parse('FROM a\n\n  RUN b \\\n   c\n');
    const run = tree.children[1] as InstructionNode;
    expect(run.position).toEqual({
      line: 3,
      column: 3,
      offset: 10,
      endLine: 4,
      endColumn: 5,
      endOffset: 22,
    });
  });

  it('starts counting after a BOM without losing it', () => {
    const text = '\ufeffFROM a\n';
    const tree = parse(text);
    expect(dump(tree)).toBe('(from "a")\n');
    expect(print(tree)).toBe(text);
  });
});

describe('instruction forms', () => {
  it.each([
    ['CMD ["a", "b"]', ['a', 'b'], true],
    ['CMD ["a", 1]', ['["a", 1]'], false],
    ['CMD ["a"] trailing', ['["a"] trailing'], false],
    ["CMD ['a']", ["['a']"], false],
    ['CMD []', [], true],
    ['SHELL ["pwsh", "-c"]', ['pwsh', '-c'], true],
    ['COPY a b /c/', ['a', 'b', '/c/'], false],
    ['COPY ["a b", "/c"]', ['a b', '/c'], true],
    ['VOLUME /a /b', ['/a', '/b'], false],
    ['USER app user', ['app user'], false],
    ['HEALTHCHECK CMD ["x"]', ['CMD', 'x'], true],
    ['HEALTHCHECK NONE', ['NONE'], false],
    ['ARG A=1 B', ['A=1', 'B'], false],
  ])('%s', (text, args, json) => {
    const node = instructions(`${text}\n`)[0]!;
    expect(node.args).toEqual(args);
    expect(node.json).toBe(json);
  });

  it('reports a JSON array of non-strings', () => {
    expect(errors('CMD ["a", 1]\n')).toContain(
      'when using JSON array syntax, arrays must be comprised of strings only',
    );
  });

  it.each([
    ['ENV PATH\n', 'ENV must have two arguments'],
    ['LABEL x\n', 'LABEL must have two arguments'],
    ['ENV a=1 b\n', 'Syntax error - can\'t find = in "b". Must be of the form: name=value'],
    ['# only a comment\n', 'file with no instructions'],
    ['', 'file with no instructions'],
  ])('%j: %s', (text, message) => {
    expect(errors(text)).toContain(message);
  });

  it('takes the whole rest as the value of the legacy ENV form', () => {
    expect(instructions('ENV ONE TWO= THREE=world\n')[0]!.args).toEqual([
      'ONE',
      'TWO= THREE=world',
      '',
    ]);
  });

  it('nests the ONBUILD trigger with its own flags', () => {
    const [node] = instructions('ONBUILD COPY --from=build /a /b\n');
    expect(node!.trigger).toMatchObject({
      keyword: 'COPY',
      flags: [{ name: 'from', value: 'build' }],
      args: ['/a', '/b'],
    });
    expect(dump(parse('ONBUILD COPY --from=build /a /b\n'))).toBe(
      '(onbuild (copy ["--from=build"] "/a" "/b"))\n',
    );
  });

  it('removes quotes and escapes from flag values', () => {
    const [node] = instructions('COPY --chown="a b" --chmod=\'7\'\\55 x y\n');
    expect(node!.flags).toEqual([
      { name: 'chown', value: 'a b' },
      { name: 'chmod', value: '755' },
    ]);
  });
});

describe('parseStrict', () => {
  it('throws the first error with file, line and column', () => {
    let error: unknown;
    try {
      parseStrict('FROM a\n  ENV PATH\n', { file: 'Dockerfile.dev' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DockerfileSyntaxError);
    expect(error).toMatchObject({
      message: 'Dockerfile.dev:2:3: ENV must have two arguments',
      line: 2,
      column: 3,
      file: 'Dockerfile.dev',
      reason: 'ENV must have two arguments',
    });
  });

  it('returns the tree when there is no error', () => {
    expect(parseStrict('FROM a\n').children).toHaveLength(1);
  });
});

describe('canonical flags', () => {
  it.each(['a b', 'a\u0085b', 'a\u00a0b', 'say "hi"', "it's", 'c:\\x', ''])(
    'a flag value %j survives printing and parsing',
    (value) => {
      const node = createInstruction('COPY', {
        flags: [createFlag('chown', value)],
        args: ['a', '/b'],
      });
      const [reparsed] = instructions(print(node));
      expect(reparsed!.flags).toEqual([{ name: 'chown', value }]);
    },
  );
});

describe('canonical layout of long instructions', () => {
  const mounts = [
    createFlag('mount', 'type=bind,source=package.json,target=package.json'),
    createFlag('mount', 'type=bind,source=package-lock.json,target=package-lock.json'),
    createFlag('mount', 'type=cache,target=/root/.npm'),
  ];

  it('puts each flag of a long instruction on its own continuation line', () => {
    const node = createInstruction('RUN', { flags: mounts, args: ['npm ci --omit=dev'] });
    expect(print(node)).toBe(
      'RUN --mount=type=bind,source=package.json,target=package.json \\\n' +
        '    --mount=type=bind,source=package-lock.json,target=package-lock.json \\\n' +
        '    --mount=type=cache,target=/root/.npm \\\n' +
        '    npm ci --omit=dev\n',
    );
    const [reparsed] = instructions(print(node));
    expect(reparsed).toMatchObject({ flags: mounts, args: ['npm ci --omit=dev'], json: false });
  });

  it('continues with the escape character of the file', () => {
    const node = createInstruction('RUN', { flags: mounts, args: ['npm ci'] });
    const tree = parse('# escape=`\nFROM a\n');
    const text = print({ ...tree, children: [...tree.children, node] });
    expect(text).toContain(' `\n    --mount=type=cache');
    expect(instructions(text)[1]).toMatchObject({ flags: mounts, args: ['npm ci'] });
  });

  it('keeps short instructions and arguments that start with # on one line', () => {
    expect(print(createInstruction('RUN', { flags: [mounts[2]!], args: ['x'] }))).toBe(
      'RUN --mount=type=cache,target=/root/.npm x\n',
    );
    const hash = createInstruction('RUN', {
      flags: mounts,
      args: ['#!/bin/sh is not a comment here'],
    });
    expect(print(hash).split('\n')).toHaveLength(2);
  });
});

describe('BuildKit rules the parser enforces beyond the line parsers', () => {
  it.each(['RUN x\nFROM a\n', 'ENV A=b\nFROM a\n', 'COPY . .\n'])(
    '%j: only ARG may come before the first FROM',
    (text) => {
      expect(errors(text)).toContain('no build stage in current context');
    },
  );

  it('lets ARG come before FROM', () => {
    expect(errors('ARG V=1\nFROM a:${V}\n')).toEqual([]);
  });

  it('gives an ONBUILD trigger its heredocs', () => {
    const [node] = instructions('ONBUILD COPY <<X /x\nhi\nX\n');
    expect(node!.heredocs.map((h) => h.name)).toEqual(['X']);
    expect(node!.trigger!.heredocs).toEqual(node!.heredocs);
    expect(print(parse('ONBUILD COPY <<X /x\nhi\nX\n'))).toBe('ONBUILD COPY <<X /x\nhi\nX\n');
  });

  it('places "file with no instructions" at the start of the last line', () => {
    const [d] = parse('# hi\n').diagnostics;
    expect(d).toMatchObject({
      message: 'file with no instructions',
      position: { line: 1, column: 1 },
    });
  });

  it('names the file "Dockerfile" in parseStrict errors when none is given', () => {
    expect(() => parseStrict('FROM\n')).toThrow(
      expect.objectContaining({
        file: 'Dockerfile',
        message: expect.stringMatching(/^Dockerfile:1:1: /),
      }),
    );
  });
});

describe('keywords and triggers at the edges', () => {
  it("keeps a keyword that only resembles one of BuildKit's (ŒUN is not RUN)", () => {
    for (const word of ['ŒUN', 'ŁDD', 'R\u5255N', 'RUNN', 'RU']) {
      const tree = parse(`FROM a\n${word} echo hi\n`);
      expect((tree.children[1] as InstructionNode).keyword).toBe(word.toUpperCase());
      expect(tree.diagnostics.map((d) => d.code)).toEqual(['UnknownInstruction']);
    }
  });

  it('reads a chain of thousands of ONBUILDs without overflowing the stack', () => {
    const text = `FROM a\n${'ONBUILD '.repeat(5000)}RUN x\n`;
    const tree = parse(text);
    expect(print(tree)).toBe(text);
    expect(tree.diagnostics.map((d) => d.code)).toEqual(['InvalidOnbuildTrigger']);
    let depth = 0;
    for (let n = tree.children[1] as InstructionNode | null; n; n = n.trigger) depth++;
    expect(depth).toBe(101);
    expect(dump(tree)).toContain('(onbuild (onbuild');
  });
});
