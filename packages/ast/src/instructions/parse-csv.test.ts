import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.js';

// Cases re-expressed from go-csvvalue's csvvalue_test.go (default parser: comma, strict quotes).
describe('parseCsv', () => {
  it.each([
    ['foo,bar,baz', ['foo', 'bar', 'baz']],
    ['foo,bar,baz\n', ['foo', 'bar', 'baz']],
    ['foo,bar,baz\r\n', ['foo', 'bar', 'baz']],
    [' ', [' ']],
    ['   foo,bar,baz', ['   foo', 'bar', 'baz']],
    ['a,"b,cc ,ddd",e', ['a', 'b,cc ,ddd', 'e']],
    ['""', ['']],
    ['a,"foo""",c', ['a', 'foo"', 'c']],
    ['a,,b', ['a', '', 'b']],
    ['a,b,', ['a', 'b', '']],
    [',a,b', ['', 'a', 'b']],
    [',,', ['', '', '']],
    ['"a",b,"c"', ['a', 'b', 'c']],
    [
      'type=docker,"containerimage.config={""os"":""linux""}"',
      ['type=docker', 'containerimage.config={"os":"linux"}'],
    ],
  ])('%j', (input, fields) => {
    expect(parseCsv(input)).toEqual({ fields });
  });

  it.each([
    ['', 'EOF'],
    ['\n', 'EOF'],
    ['"', 'parse error on line 1, column 2: extraneous or missing " in quoted-field'],
    ['"""', 'parse error on line 1, column 4: extraneous or missing " in quoted-field'],
    ['foo,aa"bb,cc', 'parse error on line 1, column 7: bare " in non-quoted-field'],
    ['a""b,c', 'parse error on line 1, column 2: bare " in non-quoted-field'],
    ['a "word","b"', 'parse error on line 1, column 3: bare " in non-quoted-field'],
    ['"a word",b"', 'parse error on line 1, column 11: bare " in non-quoted-field'],
    ['"a "word","b"', 'parse error on line 1, column 4: extraneous or missing " in quoted-field'],
    ['é,a"', 'parse error on line 1, column 5: bare " in non-quoted-field'],
  ])('%j fails', (input, error) => {
    expect(parseCsv(input)).toEqual({ error });
  });
});
