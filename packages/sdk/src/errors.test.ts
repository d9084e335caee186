import { describe, expect, it } from 'vitest';
import { thrown } from '../test/check.js';
import { commands, DockerfileBuildError, dockerfile, edit, heredoc } from './index.js';

// Builders typed loosely: these calls feed what the types would refuse, to check the run-time guard.
// biome-ignore lint/suspicious/noExplicitAny: deliberately untyped input
const s = (): any => dockerfile().from('alpine:3.20', { as: 'base' });
// biome-ignore lint/suspicious/noExplicitAny: deliberately untyped input
const pre = (): any => dockerfile();

const refused: [string, () => unknown, RegExp][] = [
  [
    'newline in WORKDIR',
    () => s().workdir('a\nb'),
    /^workdir\(\): the path must not contain a newline: "a\\nb"$/,
  ],
  ['CR in USER', () => s().user('root\r'), /^user\(\): the user must not contain a newline/],
  ['empty WORKDIR', () => s().workdir('  '), /^workdir\(\): the path must not be empty/],
  [
    'invalid stage name',
    () => pre().from('alpine', { as: 'Build' }),
    /^from\(\): invalid name for build stage: "Build"/,
  ],
  [
    'stage name starting with a digit',
    () => pre().from('alpine', { as: '1st' }),
    /invalid name for build stage/,
  ],
  ['reserved stage name', () => pre().from('alpine', { as: 'scratch' }), /reserved/],
  [
    'duplicate stage',
    () => s().from('alpine', { as: 'base' }),
    /^from\(\): duplicate stage name: "base"$/,
  ],
  [
    'image with a space',
    () => pre().from('alpine 3'),
    /^from\(\): the image is not a valid image reference .*: "alpine 3"$/,
  ],
  ['image as a flag', () => pre().from('--platform=x'), /not a valid image reference/],
  [
    'platform with an unbalanced ${',
    () => pre().from('a', { platform: '${X' }),
    /^from\(\): the platform has a variable reference BuildKit cannot expand .*: "\$\{X"$/,
  ],
  [
    'platform with a space',
    () => pre().from('a', { platform: 'linux/amd64 x' }),
    /^from\(\): the platform must not contain whitespace: "linux\/amd64 x"$/,
  ],
  [
    'platform with a tab',
    () => pre().from('a', { platform: 'linux/\tamd64' }),
    /the platform must not contain whitespace/,
  ],
  [
    'platform with a newline',
    () => pre().from('a', { platform: 'linux\n/amd64' }),
    /the platform must not contain a newline/,
  ],
  [
    'platform with an undeclared variable',
    () => pre().from('a', { platform: '${NOPE}' }),
    /^from\(\): the platform uses NOPE, which is neither a global ARG \(arg\(\) before the first from\(\)\) nor a platform ARG: "\$\{NOPE\}"$/,
  ],
  [
    'platform with a variable declared only in a stage',
    () => pre().from('a').arg('ARCH', 'amd64').from('b', { platform: 'linux/$ARCH' }),
    /the platform uses ARCH, which is neither a global ARG/,
  ],
  [
    'platform with an undeclared variable in a default',
    () => pre().arg('A').from('a', { platform: '${A:-$B}' }),
    /the platform uses B, which/,
  ],
  ['instruction before FROM', () => pre().run('x'), /^run\(\): no build stage in current context/],
  [
    'port out of range',
    () => s().expose(65536),
    /^expose\(\): port out of range \(0-65535\): "65536"$/,
  ],
  ['port range reversed', () => s().expose('9000-8000'), /invalid port range/],
  ['port not a port', () => s().expose('http'), /not a port/],
  ['fractional port', () => s().expose(80.5), /integer/],
  [
    'unknown stage',
    () => s().copy('a', 'b', { from: 'nope' }),
    /^copy\(\): no stage named "nope" is defined before this one/,
  ],
  [
    'self reference',
    () => s().copy('a', 'b', { from: 'base' }),
    /^copy\(\): a stage cannot copy from itself: "base"$/,
  ],
  [
    'mount from unknown stage',
    () => s().run('x', { mounts: [{ type: 'bind', target: '/a', from: 'later' }] }),
    /no stage named "later"/,
  ],
  [
    'newline in RUN',
    () => s().run('echo a\necho b'),
    /^run\(\): the command must not contain a newline/,
  ],
  ['trailing escape in RUN', () => s().run('echo \\'), /must not end with the escape character/],
  [
    'trailing escape and blanks',
    () => s().run('echo \\ \t'),
    /must not end with the escape character/,
  ],
  ['RUN text as a flag', () => s().run('--mount=x echo'), /must not start with "--"/],
  ['RUN text that is JSON', () => s().run('["echo", "hi"]'), /JSON array/],
  ['heredoc marker in RUN', () => s().run('cat <<EOF'), /heredoc marker/],
  ['empty RUN', () => s().run(''), /must not be empty/],
  ['empty exec RUN', () => s().run([]), /must not be empty/],
  ['a command in the list with a newline', () => s().run(commands('a', 'b\nc')), /newline/],
  ['CMD string without shell', () => s().cmd('npm start'), /\{ shell: true \}/],
  ['lone surrogate', () => s().env('A', '\ud800'), /lone surrogate/],
  ['NUL', () => s().workdir('/a\0b'), /NUL/],
  ['ENV key with =', () => s().env('A=B', 'x'), /must not contain "="/],
  [
    'ENV value with newline',
    () => s().env('A', 'x\ny'),
    /^env\(\): the value must not contain a newline/,
  ],
  ['bad variable reference', () => s().env('A', '${B'), /cannot expand/],
  ['ARG name', () => s().arg('1A'), /^arg\(\): the ARG name must match/],
  [
    'several sources, file destination',
    () => s().copy(['a', 'b'], '/dst\\'),
    /must be a directory: "." or a path ending in "\/"/,
  ],
  ['ADD --from', () => s().add('a', 'b', { from: 'base' }), /ADD has no --from/],
  ['chmod', () => s().copy('a', 'b', { chmod: '999' }), /invalid chmod parameter: "999"/],
  ['duration', () => s().healthcheck(['x'], { interval: '30' }), /--interval is not a duration/],
  ['duration under 1ms', () => s().healthcheck(['x'], { timeout: '10us' }), /less than 1ms/],
  [
    'negative retries',
    () => s().healthcheck(['x'], { retries: -1 }),
    /^healthcheck\(\): options.retries must be an integer from 0 to 2147483647, got a number \(-1\)$/,
  ],
  [
    'network mode',
    () => s().run('x', { network: 'bridge' }),
    /^run\(\): options.network must be one of "default", "none", "host", got the string "bridge"$/,
  ],
  [
    'mount type',
    () => s().run('x', { mounts: [{ type: 'volume', target: '/a' }] }),
    /unsupported mount type "volume"/,
  ],
  [
    'mount mode',
    () => s().run('x', { mounts: [{ type: 'cache', target: '/a', mode: 'rwx' }] }),
    /mode must be octal/,
  ],
  [
    'heredoc with a path that needs JSON',
    () => s().copy([heredoc('x'), 'a b'], '/d/'),
    /JSON form/,
  ],
  ['directive-like first comment', () => pre().comment('syntax=evil/frontend'), /parser directive/],
  [
    'ONBUILD FROM',
    () => s().onbuild((b: { from(i: string): unknown }) => b.from('alpine')),
    /isn't allowed as an ONBUILD trigger/,
  ],
  [
    'ONBUILD of two',
    () => s().onbuild((b: { run(c: string): { run(c: string): unknown } }) => b.run('a').run('b')),
    /exactly one/,
  ],
  ['SHELL empty', () => s().shell([]), /must not be empty/],
  [
    'edit of a broken file',
    () => edit('FROM a\nRUNN x\n'),
    /^edit\(\): the Dockerfile does not parse: 2:1: unknown instruction: RUNN/,
  ],
  ['stopsignal number', () => s().stopsignal(0), /between 1 and 64/],
  [
    "a heredoc line past BuildKit's line limit",
    () => s().run(heredoc('x'.repeat(70_000))),
    /^run\(\): a heredoc line is longer than 65535 bytes, BuildKit's line limit$/,
  ],
  [
    'a comment line past the limit',
    () => s().comment('x'.repeat(70_000)),
    /^comment\(\): a comment line is longer than 65535 bytes/,
  ],
  [
    'a long value with no point to continue the line',
    () => s().env('A', '#'.repeat(70_000)),
    /^env\(\): the instruction is longer than 65535 bytes, BuildKit's line limit, and has no point where it can continue/,
  ],
];

describe('DockerfileBuildError', () => {
  it.each(refused)('%s', (_name, call, message) => {
    const error = thrown(call);
    expect(error).toBeInstanceOf(DockerfileBuildError);
    expect((error as Error).name).toBe('DockerfileBuildError');
    expect((error as Error).message).toMatch(message);
  });

  it('names the method', () => {
    try {
      s().workdir('a\nb');
    } catch (e) {
      expect((e as DockerfileBuildError).method).toBe('workdir');
    }
    expect.assertions(1);
  });
});
