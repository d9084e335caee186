import { describe, expect, it } from 'vitest';
import { print } from '../print/print.js';
import { findHeredocs, parseHeredocWord } from '../syntax/heredoc-markers.js';
import type { InstructionNode } from '../tree/nodes.js';
import { parse } from './parse.js';

// The facts of BuildKit's parser_heredoc_test.go, re-expressed as this project's cases, plus
// the shapes the newer lexer accepts (whitespace after `<<`, quotes inside the name).
const file = `
FROM alpine:3.6

ENV NAME=me

RUN ls

USER <<INVALID
INVALID

RUN <<EMPTY
EMPTY

RUN 3<<EMPTY2
EMPTY2

RUN "<<NOHEREDOC"

RUN <<INDENT
\tfoo
\tbar
INDENT

RUN <<-UNINDENT
\tbaz
\tquux
UNINDENT

RUN <<-UNINDENT2
\tbaz
\tquux
\tUNINDENT2

RUN <<-EXPAND
\texpand $NAME
EXPAND

RUN <<-'NOEXPAND'
\tdon't expand $NAME
NOEXPAND

RUN <<COPY
echo hello world
echo foo bar
COPY

RUN <<COMMENT
# internal comment
echo hello world
echo foo bar # trailing comment
COMMENT

RUN --mount=type=cache,target=/foo <<MOUNT
echo hello
MOUNT

COPY <<FILE1 <<FILE2 /dest
content 1
FILE1
content 2
FILE2

COPY <<X <<Y /dest
Y
X
X
Y

RUN cat << 'EOF'
hello
EOF

RUN <<  SPACED
body
SPACED

RUN <<-"CHOMPQ"
\tx
\tCHOMPQ

ONBUILD RUN <<TRIGGER
echo later
TRIGGER
\t`;

type Expected = Array<{
  name: string;
  content: string;
  quoted?: boolean;
  chomp?: boolean;
  fd?: number;
}>;
const expected: Array<[string, Expected]> = [
  ['ENV', []],
  ['RUN ls', []],
  ['USER <<INVALID (USER takes no heredoc)', []],
  ['INVALID (an unknown instruction)', []],
  ['RUN <<EMPTY', [{ name: 'EMPTY', content: '' }]],
  ['RUN 3<<EMPTY2', [{ name: 'EMPTY2', content: '', fd: 3 }]],
  ['RUN "<<NOHEREDOC"', []],
  ['RUN <<INDENT', [{ name: 'INDENT', content: '\tfoo\n\tbar\n' }]],
  ['RUN <<-UNINDENT', [{ name: 'UNINDENT', content: '\tbaz\n\tquux\n', chomp: true }]],
  ['RUN <<-UNINDENT2', [{ name: 'UNINDENT2', content: '\tbaz\n\tquux\n', chomp: true }]],
  ['RUN <<-EXPAND', [{ name: 'EXPAND', content: '\texpand $NAME\n', chomp: true }]],
  [
    "RUN <<-'NOEXPAND'",
    [{ name: 'NOEXPAND', content: "\tdon't expand $NAME\n", chomp: true, quoted: true }],
  ],
  ['RUN <<COPY', [{ name: 'COPY', content: 'echo hello world\necho foo bar\n' }]],
  [
    'RUN <<COMMENT',
    [
      {
        name: 'COMMENT',
        content: '# internal comment\necho hello world\necho foo bar # trailing comment\n',
      },
    ],
  ],
  ['RUN --mount … <<MOUNT', [{ name: 'MOUNT', content: 'echo hello\n' }]],
  [
    'COPY <<FILE1 <<FILE2',
    [
      { name: 'FILE1', content: 'content 1\n' },
      { name: 'FILE2', content: 'content 2\n' },
    ],
  ],
  [
    'COPY <<X <<Y',
    [
      { name: 'X', content: 'Y\n' },
      { name: 'Y', content: 'X\n' },
    ],
  ],
  ["RUN cat << 'EOF'", [{ name: 'EOF', content: 'hello\n', quoted: true }]],
  ['RUN <<  SPACED', [{ name: 'SPACED', content: 'body\n' }]],
  ['RUN <<-"CHOMPQ"', [{ name: 'CHOMPQ', content: '\tx\n', chomp: true, quoted: true }]],
  ['ONBUILD RUN <<TRIGGER', [{ name: 'TRIGGER', content: 'echo later\n' }]],
];

describe('heredocs in a Dockerfile', () => {
  const tree = parse(file);
  const instructions = tree.children.filter((c): c is InstructionNode => c.type === 'instruction');

  it('prints back byte for byte', () => {
    expect(print(tree)).toBe(file);
  });

  it('finds every instruction and no more', () => {
    expect(instructions).toHaveLength(expected.length + 1);
  });

  it.each(expected.map((e, i) => [...e, i] as const))('%s', (_label, docs, i) => {
    const node = instructions[i + 1]!;
    expect(
      node.heredocs.map((h) => ({
        name: h.name,
        content: h.content,
        quoted: h.quoted,
        chomp: h.chomp,
        fd: h.fd,
      })),
    ).toEqual(
      docs.map((d) => ({
        name: d.name,
        content: d.content,
        quoted: d.quoted ?? false,
        chomp: d.chomp ?? false,
        fd: d.fd ?? null,
      })),
    );
  });

  it('has no unterminated heredoc', () => {
    expect(tree.diagnostics.filter((d) => d.code === 'UnterminatedHeredoc')).toEqual([]);
  });

  it('ignores heredoc markers in exec form', () => {
    const t = parse('FROM alpine\nRUN ["whoami"]\nRUN ["<<EOF"]\nRUN ["<<\'EOF\'"]\n');
    for (const c of t.children) if (c.type === 'instruction') expect(c.heredocs).toEqual([]);
  });

  it('reports an unterminated heredoc and keeps the text', () => {
    const text = 'FROM alpine\nRUN <<EOF\necho hi\n';
    const t = parse(text);
    expect(t.diagnostics.map((d) => [d.code, d.message, d.position.line])).toContainEqual([
      'UnterminatedHeredoc',
      'unterminated heredoc',
      2,
    ]);
    expect(print(t)).toBe(text);
  });

  it('keeps CRLF inside bodies and matches CRLF terminators', () => {
    const text = 'FROM alpine\r\nRUN <<EOF\r\necho hi\r\nEOF\r\nRUN true\r\n';
    const t = parse(text);
    const run = t.children[1] as InstructionNode;
    expect(run.heredocs[0]?.content).toBe('echo hi\r\n');
    expect(t.children).toHaveLength(3);
    expect(print(t)).toBe(text);
  });
});

describe('heredoc words (ParseHeredoc)', () => {
  it.each(['<<EOF', "<<'EOF'", '<<"EOF"', '<<-EOF', "<<-'EOF'", '<<-"EOF"', '<< EOF', '<<-  EOF'])(
    '%s is the heredoc EOF',
    (word) => {
      const h = parseHeredocWord(word);
      expect(h).toMatchObject({ name: 'EOF' });
    },
  );
  it.each(["<<'EOF", '<<"EOF', "<<EOF'", '<<EOF"'])('%s is an error', (word) => {
    expect(typeof parseHeredocWord(word)).toBe('string');
  });
  it.each(['', 'EOF', '<<', '<<-', '<EOF', '<<<EOF'])('%j is not a heredoc', (word) => {
    expect(parseHeredocWord(word)).toBeNull();
  });
  it.each([
    ['<<E"O"F', 'EOF', true],
    ["<<eo'f'", 'eof', true],
    ["<<eo\\'f", "eo'f", false],
    ['<<-EOF', 'EOF', false],
    ['<< -EOF', '-EOF', false],
    ['<<$EOF', '$EOF', false],
  ] as const)('%s names %s (quoted: %s)', (word, name, quoted) => {
    expect(parseHeredocWord(word)).toMatchObject({ name, quoted });
  });
});

describe('heredocs on a line (heredocsFromLine)', () => {
  it.each([
    ['RUN <<EOF', ['EOF']],
    ['RUN <<-EOF', ['EOF']],
    ["RUN <<'EOF'", ['EOF']],
    ['RUN 4<<EOF', ['EOF']],
    ['RUN <<EOF <<EOF2', ['EOF', 'EOF2']],
    ["RUN '<<EOF'", []],
    ['RUN "<<EOF"', []],
    ['RUN cat <<  EOF > /x', ['EOF']],
    // BuildKit's lexer keeps the whitespace after `<<` only, so `<<- EOF` is two words.
    ['RUN cat <<- EOF', []],
  ] as const)('%s', (line, names) => {
    expect(findHeredocs(line).heredocs.map((h) => h.name)).toEqual(names);
  });
});
