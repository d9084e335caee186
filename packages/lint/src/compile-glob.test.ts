import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from './compile-glob.js';

describe('compileGlob', () => {
  it.each([
    ['*.log', 'a.log', {}, true],
    ['*.log', 'd/a.log', {}, false],
    ['**/*.Dockerfile', 'web.Dockerfile', {}, true],
    ['**/*.Dockerfile', 'a/b/web.Dockerfile', {}, true],
    ['a?c', 'abc', {}, true],
    ['a?c', 'a/c', {}, false],
    ['a?c', 'a😀c', {}, true],
    ['[!a]x', 'bx', {}, true],
    ['[^a]x', 'ax', {}, false],
    ['[!a]x', '/x', {}, false],
    ['[]a]', ']', {}, true],
    ['[z-a]', 'm', {}, false],
    ['[ab', '[ab', {}, true],
    ['\\*.txt', '*.txt', {}, true],
    ['\\*.txt', 'a.txt', {}, false],
    ['a\\', 'a\\', {}, true],
    ['{api,web}/Dockerfile', 'web/Dockerfile', { braces: true }, true],
    ['{api,web}/Dockerfile', 'web/Dockerfile', {}, false],
    ['{api,web}/Dockerfile', '{api,web}/Dockerfile', {}, true],
    ['{a,{b,c/d}}/x', 'c/d/x', { braces: true }, true],
    ['{a,}x', 'x', { braces: true }, true],
    ['{a,b', '{a,b', { braces: true }, true],
    ['a}b,c', 'a}b,c', { braces: true }, true],
    ['{a/**,b}', 'a/x/y', { braces: true }, true],
    ['a.b', 'axb', {}, false],
  ])('%s on %s (%j) → %s', (glob, path, options, expected) => {
    expect(compileGlob(glob, options).test(path)).toBe(expected);
  });

  // moby/patternmatcher's TestMatches table (MatchesExact: no parent-directory matching).
  it.each([
    ['**', 'file', true],
    ['**', 'file/', true],
    ['**/', 'file', true],
    ['**/', 'file/', true],
    ['**', '/', true],
    ['**', 'dir/file', true],
    ['**/**', 'dir/file', true],
    ['dir/**', 'dir/file', true],
    ['dir/**', 'dir/dir2/file/', true],
    ['**/dir', 'dir', true],
    ['**/dir', 'dir/file', false],
    ['**/dir2/*', 'dir/dir2/file', true],
    ['**/dir2/*', 'dir/dir2/file/', false],
    ['**/dir2/**', 'dir/dir2/dir3/file', true],
    ['**file', 'file', true],
    ['**file', 'dir/file', true],
    ['**file', 'dir/dir/file', true],
    // Suffix match: moby compares the text after a leading ** to the end of the path.
    ['**file', 'dir/xfile', true],
    ['**.log', 'a.log', true],
    ['**/file', 'xfile', false],
    ['**/file*', 'dir/dir/file.txt', true],
    ['**/file*txt', 'dir/dir/file.txt', true],
    ['**/file*.txt*', 'dir/dir/file.txt', true],
    ['**/**/*.txt', 'dir/dir/file.txt', true],
    ['**/**/*.txt2', 'dir/dir/file.txt', false],
    ['**/*.txt', 'file.txt', true],
    ['**/**/*.txt', 'file.txt', true],
    ['a**/*.txt', 'a/file.txt', true],
    ['a**/*.txt', 'a/dir/dir/file.txt', true],
    ['a/*.txt', 'a/dir/file.txt', false],
    ['a/*.txt**', 'a/file.txt', true],
    ['a[b-d]e', 'ae', false],
    ['a[b-d]e', 'ace', true],
    ['a[^b-d]e', 'aze', true],
    ['.*', '.foo', true],
    ['.*', 'foo', false],
    ['abc.def', 'abcdef', false],
    ['abc?def', 'abcZdef', true],
    ['**/foo/bar', 'foo/bar', true],
    ['**/foo/bar', 'dir/dir2/foo/bar', true],
    ['abc/**', 'abc', false],
    ['abc/**', 'abc/def/ghi', true],
    ['**/.foo', '.foo', true],
    ['**/.foo', 'bar.foo', false],
    ['a(b)c/def', 'a(b)c/def', true],
    ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
    ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
    ['a\\\\', 'a\\', true],
    ['a\\*b', 'a*b', true],
    // Go's filepath.Match cases that moby's tests reuse.
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[^e-g]', 'abc', true],
    ['a[^a]b', 'a☺b', true],
    ['a???b', 'a☺b', false],
    ['[a-ζ]*', 'α', true],
    ['*[a-ζ]', 'A', false],
    ['[\\]a]', ']', true],
    ['[x\\-]', '-', true],
    ['[x\\-]', 'z', false],
    ['[\\-x]', 'x', true],
    ['*x', 'xxx', true],
  ])('moby: %s on %s → %s', (glob, path, expected) => {
    expect(compileGlob(glob).test(path)).toBe(expected);
  });

  it.each([
    ['apps/*/Dockerfile', 'apps/web/src', false],
    ['apps/*/Dockerfile', 'apps/web', true],
    ['apps/*/Dockerfile', 'docs', false],
    ['**/Dockerfile', 'a/b/c', true],
    ['a/b', 'a', true],
    ['a/b', 'b', false],
    ['{a,b}/x', 'b', true],
  ])('%s can match inside %s: %s', (glob, dir, expected) => {
    expect(compileGlob(glob, { braces: true }).canMatchInside(dir)).toBe(expected);
  });

  it.each([
    ['apps/web/*/Dockerfile', 'apps/web', false],
    ['**/Dockerfile', '', false],
    ['a\\*b/c/*', 'a*b/c', false],
    ['a/b/Dockerfile', 'a/b', true],
    ['{a,b}/x', '', false],
    ['x', '', true],
    ['/srv/*/Dockerfile', '/srv', false],
    ['/*', '/', false],
  ])('%s starts at %j (literal: %s)', (glob, base, literal) => {
    const g = compileGlob(glob, { braces: true });
    expect(g.base).toBe(base);
    expect(g.literal).toBe(literal);
  });

  // These ran past a minute as backtracking regular expressions; the vitest timeout is the
  // bound (a generous one: linear matching takes milliseconds).
  it.each([
    [`${'**/'.repeat(12)}x`, `${'a/'.repeat(5000)}Dockerfile`],
    [`${'*a'.repeat(30)}b`, 'a'.repeat(20000)],
    [`${'{a,a}'.repeat(40)}b`, 'a'.repeat(20000)],
    [`${'**a'.repeat(30)}b`, 'a/'.repeat(10000)],
  ])('matches %s in linear time', (glob, path) => {
    const g = compileGlob(glob, { braces: true });
    expect(g.test(path)).toBe(false);
    expect(g.canMatchInside(path)).toBe(glob.startsWith('**'));
  });

  it('takes a glob of 100,000 characters', () => {
    const glob = 'a'.repeat(100_000);
    expect(compileGlob(glob).test(glob)).toBe(true);
    expect(compileGlob(`${glob}*`).test(`${glob}b`)).toBe(true);
  });

  it('takes deeply nested braces without recursion', () => {
    const glob = `${'{a,'.repeat(50000)}b${'}'.repeat(50000)}`;
    expect(compileGlob(glob, { braces: true }).test('b')).toBe(true);
  });

  // The spec: moby's translation to a regular expression, built from the same pieces, on
  // inputs short enough for a backtracking engine.
  it('agrees with the regular expression moby would compile', () => {
    const piece = fc.constantFrom(
      ['a', 'a'],
      ['b', 'b'],
      ['/', '/'],
      ['.', '\\.'],
      ['*', '[^/]*'],
      ['?', '[^/]'],
      ['[ab]', '[ab]'],
      ['[!a]', '[^a/]'],
      ['**/', '(?:.*/)?'],
      ['{a,b/}', '(?:a|b/)'],
    );
    const path = fc.array(fc.constantFrom('a', 'b', '/', '.'), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), path, (pieces, chars) => {
        const glob = pieces.map((p) => p[0]).join('');
        // Two star pieces side by side would read as one `**`.
        fc.pre(
          pieces.every((p, i) => i === 0 || !(pieces[i - 1]![0].endsWith('*') && p[0][0] === '*')),
        );
        let source = pieces.map((p) => p[1]).join('');
        // A final `**/` (the `/` eaten) matches everything.
        if (glob.endsWith('**/')) source = `${source.slice(0, -'(?:.*/)?'.length)}.*`;
        const text = chars.join('');
        expect(compileGlob(glob, { braces: true }).test(text)).toBe(
          new RegExp(`^${source}$`).test(text),
        );
      }),
      // Up to 3000 globs within 3 s: a loaded machine checks fewer instead of timing out.
      { numRuns: 3000, interruptAfterTimeLimit: 3000, markInterruptAsFailure: false },
    );
  }, 30_000);
});
