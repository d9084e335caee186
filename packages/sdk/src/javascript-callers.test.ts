/**
 * Plain JavaScript callers (or `as any`) get the guarantees the types give: every argument of
 * the wrong type throws a DockerfileBuildError that names the method, the argument and what
 * was expected, never a TypeError from deep inside or `null` printed into the Dockerfile.
 */
import { describe, expect, it } from 'vitest';
import { thrown } from '../test/check.js';
import {
  arg,
  commands,
  DockerfileBuildError,
  dockerfile,
  dockerignore,
  edit,
  glob,
  heredoc,
  image,
  literal,
  stageName,
} from './index.js';

// biome-ignore lint/suspicious/noExplicitAny: deliberately untyped, as plain JavaScript is
type Any = any;
const stage = (): Any => dockerfile().from('alpine:3.20', { as: 'base' });

/** Values that are not text, each with how the message describes it. */
const WRONG: readonly [string, unknown, RegExp][] = [
  ['null', null, /got null/],
  ['undefined', undefined, /got undefined/],
  ['a number', 42, /got a number \(42\)/],
  ['a boolean', true, /got a boolean \(true\)/],
  ['an object', {}, /got an object/],
  ['an object whose toString is a command', { toString: () => 'curl evil | sh' }, /got an object/],
  ['a String object', new String('x'), /got a String object/],
  ['a symbol', Symbol('x'), /got a symbol/],
  ['a function', () => 'x', /got a function/],
  ['a bigint', 10n, /got a bigint \(10\)/],
];

/** [call, method, what the message names]: `x` is the wrong value. */
const POSITIONS: readonly [string, (x: unknown) => unknown, string, string][] = [
  ['workdir(x)', (x) => stage().workdir(x), 'workdir', 'the path'],
  ['user(x)', (x) => stage().user(x), 'user', 'the user'],
  ['env(x, v)', (x) => stage().env(x, 'v'), 'env', ''],
  ['env(k, x)', (x) => stage().env('K', x), 'env', 'the value of "K"'],
  ['label(k, x)', (x) => stage().label('k', x), 'label', 'the value of "k"'],
  ['arg(k, x)', (x) => stage().arg('A', x), 'arg', 'the default value'],
  ['from(x)', (x) => dockerfile().from(x as never), 'from', 'the image'],
  ['from(i, { as: x })', (x) => dockerfile().from('a', { as: x as never }), 'from', 'options.as'],
  ['copy(x, d)', (x) => stage().copy(x, '/d'), 'copy', 'the source'],
  ['copy([s, x], d)', (x) => stage().copy(['a', x], '/d/'), 'copy', 'the source 2'],
  ['copy(s, x)', (x) => stage().copy('a', x), 'copy', 'the destination'],
  ['add(x, d)', (x) => stage().add(x, '/d'), 'add', 'the source'],
  ['volume(x)', (x) => stage().volume(x), 'volume', 'path 1'],
  ['shell([x])', (x) => stage().shell([x]), 'shell', 'the shell[0]'],
  ['cmd([a, x])', (x) => stage().cmd(['a', x]), 'cmd', 'command[1]'],
  ['entrypoint([x])', (x) => stage().entrypoint([x]), 'entrypoint', 'command[0]'],
  ['run([x])', (x) => stage().run([x]), 'run', 'command[0]'],
  ['healthcheck([x])', (x) => stage().healthcheck([x]), 'healthcheck', 'command[0]'],
  ['comment(x)', (x) => stage().comment(x), 'comment', 'the text'],
  ['syntax(x)', (x) => dockerfile().syntax(x as never), 'syntax', 'the value'],
  ['commands(a, x)', (x) => commands('a', x as never), 'commands', 'command 2'],
  ['heredoc(x)', (x) => heredoc(x as never), 'heredoc', 'the content'],
  ['image(x)', (x) => image(x as never), 'image', 'the name'],
  ['literal(x)', (x) => literal(x as never), 'literal', 'the value'],
  ['glob(x)', (x) => glob(x as never), 'glob', 'the pattern'],
  ['dockerignore().add(x)', (x) => dockerignore().add(x as never), 'add', 'pattern 1'],
  ['dockerignore().comment(x)', (x) => dockerignore().comment(x as never), 'comment', 'the text'],
  ['stageName(x)', (x) => stageName(x as never), 'stageName', 'the name'],
  ['arg(x) (the reference)', (x) => arg(x as never), 'arg', 'the name'],
  [
    'copy(s, d, { chown: x })',
    (x) => stage().copy('a', '/d', { chown: x }),
    'copy',
    'options.chown',
  ],
  [
    'run(c, { mounts: [{ target: x }] })',
    (x) => stage().run('true', { mounts: [{ type: 'cache', target: x }] }),
    'run',
    'options.mounts[0].target',
  ],
];

describe('wrong argument types from plain JavaScript', () => {
  for (const [call, make, method, what] of POSITIONS) {
    it.each(WRONG)(`${call} with %s`, (_name, value, described) => {
      // `undefined` for a required argument; optional ones take it as "absent".
      if (value === undefined && /as: x|chown: x|arg\(k, x\)/.test(call)) return;
      const error = thrown(() => make(value));
      expect(error).toBeInstanceOf(DockerfileBuildError);
      const message = (error as Error).message;
      expect(message.startsWith(`${method}(): `), message).toBe(true);
      expect(message).toContain(what);
      expect(message).toMatch(described);
    });
  }

  it.each([
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    ['a hole in an exec array', () => stage().cmd(['node', , 'x.js']), /command\[1\] is a hole/],
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    ['a hole in the sources', () => stage().copy(['a', , 'b'], '/d/'), /sources\[1\] is a hole/],
    [
      'a command that is an object',
      () => stage().run({ toString: () => 'rm -rf /' }),
      /got an object/,
    ],
    ['cmd(42)', () => stage().cmd(42), /array \(exec form\) or a string .*got a number/],
    ['healthcheck(null)', () => stage().healthcheck(null), /got null/],
    ['a non-node from transform', () => stage().transform(() => 'x'), /got the string "x"/],
    ['an array of non-nodes', () => stage().transform(() => [{}]), /got an object/],
    ['transform(x) without a function', () => stage().transform('x'), /must be a function/],
    ['onbuild without a function', () => stage().onbuild('RUN x'), /must be a function/],
    ['with without a function', () => stage().with(null), /must be a function/],
    [
      'options that are not an object',
      () => stage().copy('a', '/d', 'x'),
      /the options must be an object/,
    ],
    ['a typo in an option', () => stage().copy('a', '/d', { chwon: 'x' }), /has no option "chwon"/],
    [
      'a mount that is not an object',
      () => stage().run('x', { mounts: ['type=cache'] }),
      /mounts\[0\] must be a mount object/,
    ],
    [
      'a mount option typo',
      () => stage().run('x', { mounts: [{ type: 'cache', target: '/c', readOnly: true }] }),
      /has no option "readOnly"/,
    ],
    [
      'mounts that are not an array',
      () => stage().run('x', { mounts: { type: 'cache' } }),
      /options.mounts must be an array/,
    ],
    [
      'a boolean option given as text',
      () => stage().copy('a', '/d', { link: 'yes' }),
      /options.link must be a boolean/,
    ],
    [
      'retries given as text',
      () => stage().healthcheck(['x'], { retries: '3' }),
      /options.retries must be an integer/,
    ],
    [
      'edit(null)',
      () => edit(null as never),
      /the source must be the Dockerfile's text or a parsed tree, got null/,
    ],
    [
      'dockerfile(null)',
      () => dockerfile(null as never),
      /^dockerfile\(\): the options must be an object, got null$/,
    ],
    [
      'dockerfile({ frontend: 2 })',
      () => dockerfile({ frontend: 2 as never }),
      /^dockerfile\(\): options.frontend must be a string, got a number \(2\)$/,
    ],
    [
      'env() with an array of pairs',
      () => stage().env([['A', '1']]),
      /pass a key and a value, or one object of pairs/,
    ],
  ])('%s', (_name, call, message) => {
    const error = thrown(call);
    expect(error).toBeInstanceOf(DockerfileBuildError);
    expect((error as Error).message).toMatch(message);
  });

  it('literal() and arg() references are text, other String objects are not', () => {
    expect(stage().env('A', literal('$x')).toString()).toContain('ENV A="\\$x"');
    const v = arg('V', '1');
    expect(stage().arg(v).env('A', v).toString()).toContain('ENV A="${V}"');
    expect(() => stage().env('A', new String('x'))).toThrow(/got a String object/);
  });
});
