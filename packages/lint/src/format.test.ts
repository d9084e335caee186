import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  createDockerfile,
  createInstruction,
  dump,
  type InstructionNode,
  parse,
  print,
} from '@dockwright/ast';
import { describe, expect, it } from 'vitest';
import { parseSpecFile } from '../test/spec-file.js';
import { format } from './format.js';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/Dockerfile/.test(name)) out.push(p);
  }
  return out;
}

/** The Dockerfiles of the rule specifications, named `<spec>#<line>`. */
function specDockerfiles(): [string, string][] {
  const dir = join(import.meta.dirname, '../test/rules');
  return readdirSync(dir).flatMap((name) =>
    parseSpecFile(readFileSync(join(dir, name), 'utf8'), name).cases.map((c): [string, string] => [
      `rules/${name}#${c.line}`,
      `${c.dockerfile}\n`,
    ]),
  );
}

const corpus: [string, string][] = [
  ...files(join(import.meta.dirname, '../../ast/test/fixtures')).map((file): [string, string] => [
    file.slice(file.indexOf('fixtures')),
    readFileSync(file, 'utf8'),
  ]),
  ...specDockerfiles(),
];

const heredocs = (text: string): string =>
  JSON.stringify(
    parse(text)
      .children.filter((c): c is InstructionNode => c.type === 'instruction')
      .map((n) => [n.json, n.heredocs, n.trigger?.heredocs ?? null]),
  );

describe('format never changes meaning', () => {
  it('has a corpus', () => expect(corpus.length).toBeGreaterThan(100));
  for (const [name, x] of corpus) {
    it(name, () => {
      const y = format(x);
      expect(dump(parse(y))).toBe(dump(parse(x)));
      expect(heredocs(y)).toBe(heredocs(x));
      expect(format(y)).toBe(y);
    });
  }
});

describe('format style', () => {
  it.each([
    [
      'from  alpine\nrun   echo hi   \n\n\n\ncmd ["a","b"]',
      'FROM alpine\nRUN echo hi\n\nCMD ["a", "b"]\n',
    ],
    [
      'FROM alpine\nCOPY  --chown=1000:1000   a   b  /app/\n',
      'FROM alpine\nCOPY --chown=1000:1000 a b /app/\n',
    ],
    [
      'FROM alpine\nRUN --mount=type=cache,target="/x y" true\n',
      'FROM alpine\nRUN --mount="type=cache,target=/x y" true\n',
    ],
    ['FROM alpine\nENV A=1 \\\n      B=2\n', 'FROM alpine\nENV A=1 \\\n    B=2\n'],
    ['  FROM alpine\n\n\n  # note  \nRUN x\n', 'FROM alpine\n\n# note\nRUN x\n'],
  ])('%j', (input, expected) => {
    expect(format(input)).toBe(expected);
  });

  it.each([
    ['legacy ENV', 'FROM a\nENV a b c\nENV ONE TWO= THREE=world\n'],
    ['empty continuation line', 'FROM a\nRUN echo a \\\n\n    b\n'],
    [
      'heredoc terminators',
      'FROM a\nRUN <<-EOF\n\techo hi\n\tEOF\nRUN cat <<EOF > /x\n  indented\nEOF\n',
    ],
    ['backtick escape', '# escape=`\nFROM a\nRUN echo a `\n  b\nCOPY c:\\x d\n'],
    ['space before quoted delimiter', "FROM a\nRUN cat << 'EOF'\nFROM not-an-instruction\nEOF\n"],
    ['two heredocs', 'FROM a\nRUN <<A <<B\na\nA\nb\nB\n'],
    ['RUN continuation indentation is part of the command', 'FROM a\nRUN a \\\n  b\n'],
  ])('%s', (_name, input) => {
    const out = format(input);
    expect(dump(parse(out))).toBe(dump(parse(input)));
    expect(heredocs(out)).toBe(heredocs(input));
    expect(format(out)).toBe(out);
  });

  it('keeps heredoc bodies byte for byte', () => {
    const body = '  x  \n\ty\t\n\n';
    expect(format(`FROM a\nrun  <<EOF\n${body}EOF\n`)).toBe(`FROM a\nRUN <<EOF\n${body}EOF\n`);
  });
});

describe('format of a parsed tree', () => {
  it('formats a tree as it formats its text, on the whole corpus', () => {
    for (const [name, text] of corpus) {
      expect(format(parse(text)), name).toBe(format(text));
    }
  });

  it('gives a tree with syntax errors back as it prints', () => {
    const text = 'from  alpine\nFROM a\nCOPY --chmod=\\\n';
    const tree = parse(text);
    expect(tree.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(format(tree)).toBe(text);
  });

  it('formats the generated nodes of an edited tree in the canonical style', () => {
    const parsed = parse('from  alpine\r\nrun   echo hi\r\n');
    const tree = createDockerfile([
      ...parsed.children,
      createInstruction('CMD', { args: ['node', 'app.js'], json: true }),
    ]);
    // A created tree has no line terminator of its own: generated nodes end in \n, as print ends them.
    expect(format(tree)).toBe('FROM alpine\r\nRUN echo hi\r\nCMD ["node", "app.js"]\n');
    const back = parse(format(tree));
    expect(dump(back)).toBe(dump(tree));
    expect(print(createDockerfile([]))).toBe(format(createDockerfile([])));
  });
});
