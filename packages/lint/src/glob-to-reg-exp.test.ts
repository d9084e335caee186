import { describe, expect, it } from 'vitest';
import { globToRegExp } from './glob-to-reg-exp.js';

describe('globToRegExp', () => {
  it.each([
    ['*.log', 'a.log', {}, true],
    ['*.log', 'd/a.log', {}, false],
    ['**/*.Dockerfile', 'web.Dockerfile', {}, true],
    ['**/*.Dockerfile', 'a/b/web.Dockerfile', {}, true],
    ['a?c', 'abc', {}, true],
    ['a?c', 'a/c', {}, false],
    ['[!a]x', 'bx', {}, true],
    ['[^a]x', 'ax', {}, false],
    ['\\*.txt', '*.txt', {}, true],
    ['\\*.txt', 'a.txt', {}, false],
    ['{api,web}/Dockerfile', 'web/Dockerfile', { braces: true }, true],
    ['{api,web}/Dockerfile', 'web/Dockerfile', {}, false],
    ['{api,web}/Dockerfile', '{api,web}/Dockerfile', {}, true],
    ['a.b', 'axb', {}, false],
  ])('%s on %s (%j) → %s', (glob, path, options, expected) => {
    expect(globToRegExp(glob, options).test(path)).toBe(expected);
  });
});
