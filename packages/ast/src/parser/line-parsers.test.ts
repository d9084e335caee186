import { describe, expect, it } from 'vitest';
import { INSTRUCTION_KEYWORDS } from '../syntax/keywords.js';
import type { InstructionNode } from '../tree/nodes.js';
import { knownKeyword } from './instruction-line.js';
import { parse } from './parse.js';

// The facts of BuildKit's line_parsers_test.go and json_test.go, through the parser.
const first = (text: string) =>
  parse(`${text}\n`).children.find((c): c is InstructionNode => c.type === 'instruction')!;
const errorCodes = (text: string) =>
  parse(`${text}\n`)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.message);

describe('keyword recognition', () => {
  it("knows each of BuildKit's keywords written in upper case, where it stands in the line", () => {
    for (const keyword of INSTRUCTION_KEYWORDS) {
      const line = `  ${keyword} x`;
      expect(knownKeyword(line, 2, 2 + keyword.length)).toBe(keyword);
      expect(knownKeyword(keyword.toLowerCase(), 0, keyword.length)).toBeUndefined();
      expect(knownKeyword(`${keyword}S`, 0, keyword.length + 1)).toBeUndefined();
      expect(knownKeyword(keyword, 0, keyword.length - 1)).toBeUndefined();
      const last = `${keyword.slice(0, -1)}${keyword.endsWith('Z') ? 'Y' : 'Z'}`;
      expect(knownKeyword(last, 0, last.length)).toBeUndefined();
    }
    for (const other of [
      'AND',
      'CMDS',
      'ENVY',
      'EXPOSED',
      'SHELLS',
      'STOP',
      'X',
      'RUNN',
      'ENTRY',
    ]) {
      expect(knownKeyword(other, 0, other.length)).toBeUndefined();
    }
    // The keyword is the first word up to a separator ([\t\v\f\r ]) or the end of the line.
    expect(knownKeyword('RUN echo', 0, 8)).toBe('RUN');
    expect(knownKeyword('COPY\ta b', 0, 8)).toBe('COPY');
    expect(knownKeyword('RUN echo', 0, 2)).toBeUndefined();
    expect(knownKeyword('RUNecho', 0, 7)).toBeUndefined();
    expect(knownKeyword('RUN\u00a0echo', 0, 8)).toBeUndefined();
  });
});

describe('name/value line parser', () => {
  it('reads the old format', () => {
    expect(first('LABEL foo bar').args).toEqual(['foo', 'bar', '']);
  });
  it('reads the new format', () => {
    expect(first('LABEL foo=bar thing=star').args).toEqual([
      'foo',
      'bar',
      '=',
      'thing',
      'star',
      '=',
    ]);
  });
  it('refuses a name without a value', () => {
    expect(errorCodes('ENV foo')).toContain('ENV must have two arguments');
  });
});

describe('JSON arrays of strings', () => {
  it.each([
    ['[]', []],
    ['[""]', ['']],
    ['["a"]', ['a']],
    ['["a","b"]', ['a', 'b']],
    ['[ "a", "b" ]', ['a', 'b']],
    ['[\t"a",\t"b"\t]', ['a', 'b']],
    ['\t[\t"a",\t"b"\t]\t', ['a', 'b']],
    [
      '["abc 123", "♥", "☃", "\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000"]',
      ['abc 123', '♥', '☃', '" \\ / \b \f \n \r \t \u0000'],
    ],
  ] as const)('CMD %s is exec form', (json, expected) => {
    const node = first(`CMD ${json}`);
    expect(node.json).toBe(true);
    expect(node.args).toEqual(expected);
  });

  it.each([
    '["a",42,"b"]',
    '["a",123.456,"b"]',
    '["a",{},"b"]',
    '["a",{"c": "d"},"b"]',
    '["a",["c"],"b"]',
    '["a",true,"b"]',
    '["a",false,"b"]',
    '["a",null,"b"]',
  ])('CMD %s is an error', (json) => {
    expect(errorCodes(`CMD ${json}`)).toContain(
      'when using JSON array syntax, arrays must be comprised of strings only',
    );
  });
});
