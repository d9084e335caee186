import { describe, expect, it } from 'vitest';
import type { InstructionNode } from '../tree/nodes.js';
import { parse } from './parse.js';

// The facts of BuildKit's line_parsers_test.go and json_test.go, through the parser.
const first = (text: string) =>
  parse(`${text}\n`).children.find((c): c is InstructionNode => c.type === 'instruction')!;
const errorCodes = (text: string) =>
  parse(`${text}\n`)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.message);

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
