// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile words are written with ${…} in plain strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budget, PROPERTY_TIMEOUT } from '../../test/property-budget.js';
import { expand } from './expand.js';
import { ExpansionError } from './expansion-error.js';
import { Glob, reversePattern, reverseString, trimPrefix, trimSuffix } from './glob.js';

describe('TestConvertShellPatternToRegex (as matching facts)', () => {
  it('`*` matches anything, `?` one character', () => {
    expect(Glob.compile('*', true).search('abc', 0, true)).toEqual([0, 3]);
    expect(Glob.compile('?', true).search('abc', 0, true)).toEqual([0, 1]);
    expect(Glob.compile('?', true).search('', 0, true)).toBeUndefined();
  });

  it('`\\*` is a literal star', () => {
    expect(Glob.compile('\\*', true).search('*x', 0, true)).toEqual([0, 1]);
    expect(Glob.compile('\\*', true).search('x*', 0, true)).toBeUndefined();
  });

  it('regular-expression characters are literal', () => {
    const glob = Glob.compile('(()[]{\\}^$.\\*\\?|\\\\', true);
    expect(glob.search('(()[]{}^$.*?|\\', 0, true)).toEqual([0, 14]);
    expect(glob.search('(()[]{}^$x*?|\\', 0, true)).toBeUndefined();
  });

  it.each(['\\', '\\x', '\\\\\\'])('%j is an invalid escape', (pattern) => {
    expect(() => Glob.compile(pattern, true)).toThrow(
      /^invalid pattern \(.*\) in substitution: invalid escape/,
    );
  });

  it('an invalid escape reaches the user as ExpansionError', () => {
    expect(() => expand('${V#\\x}', { V: 'v' })).toThrow(ExpansionError);
  });

  it('a trailing backslash is reported as Go prints string(EOF)', () => {
    // `\}` keeps the brace in the word, so use the escape token ` to end the word with `\`.
    expect(() => expand('${V#a\\}', { V: 'v' }, { escape: '`' })).toThrow(
      "invalid pattern (a\\) in substitution: invalid escape '\\\uFFFD'",
    );
  });
});

describe('TestReverseString', () => {
  it('reverses by code point', () => {
    expect(reverseString('54321')).toBe('12345');
    expect(reverseString('🖖🚀👽')).toBe('👽🚀🖖');
  });
});

describe('TestReversePattern', () => {
  it.each([
    ['a\\*c', 'c\\*a'],
    ['\\\\\\ab', 'b\\a\\\\'],
    ['ab\\', '\\ba'],
    ['👽\\🚀🖖', '🖖\\🚀👽'],
    ['\\\\b', 'b\\\\'],
  ])('%j -> %j', (pattern, expected) => {
    expect(reversePattern(pattern)).toBe(expected);
  });
});

describe('glob matching follows Go regexp', () => {
  it('`?` and `*` do not cross a newline (Go `.`)', () => {
    expect(trimPrefix('*', 'ab\ncd', true)).toBe('\ncd');
    expect(trimPrefix('??', 'a\nb', false)).toBe('a\nb');
    expect(trimPrefix('a\n*', 'a\nbc\nd', true)).toBe('\nd');
    expect(trimSuffix('*', 'ab\ncd', true)).toBe('ab\n');
  });

  it('shortest and longest prefixes and suffixes', () => {
    expect(trimPrefix('*/', 'a/b/c', false)).toBe('b/c');
    expect(trimPrefix('*/', 'a/b/c', true)).toBe('c');
    expect(trimSuffix('/*', 'a/b/c', false)).toBe('a/b');
    expect(trimSuffix('/*', 'a/b/c', true)).toBe('a');
    expect(trimPrefix('x', 'a/b/c', true)).toBe('a/b/c');
  });

  it('`?` is one code point, not one UTF-16 unit', () => {
    expect(trimPrefix('?', '😀x', false)).toBe('x');
    expect(trimSuffix('?', 'x😀', false)).toBe('x');
  });

  it('`//` skips an empty match right after a match (Go ReplaceAllString)', () => {
    expect(expand('${V//*/X}', { V: 'ab\ncd' })).toBe('X\nX');
    expect(expand('${V///X}', { V: 'ab' })).toBe('XaXbX');
    expect(expand('${V//?/X}', { V: 'a😀' })).toBe('XX');
    expect(expand('${V//*/X}', { V: '' })).toBe('X');
  });

  it('`//` expands $0 and $$ in the replacement like Go Regexp.Expand; `/` does not', () => {
    // The lexer expands `$…` first: a template `$` comes from a variable or from `\$`, which
    // reaches the replacement as `\$` (the backslash stays).
    const sub = (template: string, op = '//') =>
      expand(`\${V${op}b/<$R>}`, { V: 'abc', R: template });
    expect(sub('$0')).toBe('a<b>c');
    expect(sub('${0}')).toBe('a<b>c');
    expect(sub('$1$x$00${x}')).toBe('a<>c');
    expect(sub('$$')).toBe('a<$>c');
    expect(sub('$$ ${0 $ $-')).toBe('a<$ ${0 $ $->c');
    expect(sub('$0', '/')).toBe('a<$0>c');
    expect(expand('${V//b/<\\$0>}', { V: 'abc' })).toBe('a<\\b>c');
    expect(expand('${V/b/<\\$0>}', { V: 'abc' })).toBe('a<\\$0>c');
  });

  it('a leading byte order mark in a pattern is dropped, as a fresh Go scanner does', () => {
    expect(trimPrefix('\uFEFFa', 'ab', false)).toBe('b');
  });

  it('stays linear where a backtracking engine would not', () => {
    const pattern = '*a'.repeat(30) + 'b';
    const value = 'a'.repeat(5000);
    const started = Date.now();
    expect(trimPrefix(pattern, value, false)).toBe(value);
    expect(trimSuffix(pattern, value, true)).toBe(value);
    // Generous bound: a backtracking engine needs astronomically long here.
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('property: the Pike VM agrees with a backtracking RegExp on small inputs', () => {
  const toRegExp = (pattern: string, greedy: boolean, anchored: boolean): RegExp => {
    let src = anchored ? '^' : '';
    for (const ch of pattern) {
      if (ch === '*') src += greedy ? '[^\\n]*' : '[^\\n]*?';
      else if (ch === '?') src += '[^\\n]';
      else src += ch === '\n' ? '\\n' : ch;
    }
    return new RegExp(src, 'u');
  };

  it(
    'finds the same leftmost-first match',
    () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom('a', 'b', '\n', '*', '?'), maxLength: 8 }),
          fc.string({ unit: fc.constantFrom('a', 'b', '\n'), maxLength: 12 }),
          fc.boolean(),
          fc.boolean(),
          (pattern, text, greedy, anchored) => {
            const found = Glob.compile(pattern, greedy).search(text, 0, anchored);
            const match = toRegExp(pattern, greedy, anchored).exec(text);
            const expected = match ? [match.index, match.index + match[0].length] : undefined;
            expect(found).toEqual(expected);
          },
        ),
        budget(2000),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'throws only ExpansionError for arbitrary patterns',
    () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (pattern, text) => {
          try {
            Glob.compile(pattern, true).search(text, 0, false);
          } catch (error) {
            expect((error as Error).message).toMatch(/^invalid pattern \(/);
          }
          try {
            expand('${V%$P}${V##$P}${V//$P/x}', { V: text, P: pattern });
          } catch (error) {
            expect(error).toBeInstanceOf(ExpansionError);
          }
        }),
        budget(100),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
