import { describe, expectTypeOf, it } from 'vitest';
import {
  type AnyStage,
  arg,
  commands,
  dockerfile,
  edit,
  glob,
  image,
  literal,
  type StageRef,
  stageName,
} from './index.js';

describe('compile-time rules', () => {
  it('instruction before from', () => {
    const pre = dockerfile();
    // @ts-expect-error a preamble has no run()
    pre.run('echo');
    // @ts-expect-error a preamble has no copy()
    pre.copy('a', 'b');
    // @ts-expect-error a preamble has no workdir()
    pre.workdir('/app');
    expectTypeOf(pre).toHaveProperty('arg');
    expectTypeOf(pre).toHaveProperty('from');
    expectTypeOf(pre).not.toHaveProperty('cmd');
  });

  it('unknown stage, forward and self references', () => {
    const build = dockerfile().from('node:22', { as: 'build' });
    // @ts-expect-error self reference: the current stage is not yet defined
    build.copy('a', 'b', { from: 'build' });
    const runtime = build.from('node:22-slim', { as: 'runtime' });
    runtime.copy('/app', '/app', { from: 'build' });
    runtime.copy('/app', '/app', { from: build.stage });
    runtime.copy('/app', '/app', { from: image('alpine:3.20') });
    // @ts-expect-error unknown stage
    runtime.copy('/app', '/app', { from: 'nope' });
    // @ts-expect-error an image must be explicit: image('alpine')
    runtime.copy('/app', '/app', { from: 'alpine' });
    // @ts-expect-error forward reference: 'later' is defined after this stage
    runtime.copy('/x', '/x', { from: 'later' }).from('alpine', { as: 'later' });
    runtime.run('ls', { mounts: [{ type: 'bind', target: '/src', from: 'build' }] });
    // @ts-expect-error mount from an unknown stage
    runtime.run('ls', { mounts: [{ type: 'bind', target: '/src', from: 'nope' }] });
    // @ts-expect-error mount from the stage itself
    runtime.run('ls', { mounts: [{ type: 'cache', target: '/c', from: 'runtime' }] });
  });

  it('duplicate and invalid stage names', () => {
    const build = dockerfile().from('node:22', { as: 'build' });
    // @ts-expect-error duplicate stage name
    build.from('node:22', { as: 'build' });
    // @ts-expect-error stage names are lower-case
    build.from('node:22', { as: 'Final' });
  });

  it('undeclared ARG and ENV references', () => {
    const v = arg('NODE_VERSION', '22');
    dockerfile().arg(v).from(`node:${v}-slim`);
    dockerfile().arg('BASE').from('${BASE}');
    dockerfile().from('--platform=$BUILDPLATFORM'.slice(0) as string);
    // @ts-expect-error undeclared global ARG
    dockerfile().from('node:${NODE_VERSION}');
    // @ts-expect-error undeclared, $NAME form
    dockerfile().from('node:$NODE_VERSION');
    const stage = dockerfile().arg(v).from(`node:${v}`);
    // @ts-expect-error a global ARG must be re-declared inside the stage
    stage.env('V', `${v}`);
    stage.arg(v).env('V', `${v}`);
    stage.arg('NODE_VERSION').workdir('/opt/${NODE_VERSION}');
    stage.env('APP', '/app').workdir('${APP}/src').copy('.', '${APP:-/app}/');
    // @ts-expect-error undeclared in WORKDIR
    stage.workdir('/opt/${NOPE}');
    // @ts-expect-error undeclared in a COPY destination
    stage.copy('.', '$NOPE/');
    // @ts-expect-error undeclared in a COPY source
    stage.copy(['a', '${NOPE}'], '/x/');
    stage.env('P', '${PATH}:/app/bin');
    // The object form checks its values too.
    // @ts-expect-error NOPE is not declared
    stage.env({ A: '1', B: '${NOPE}' });
    // @ts-expect-error NOPE is not declared
    stage.label({ a: '$NOPE' });
    stage.env({ A: '1', P: '${PATH}' }).label({ a: 'x', b: '${PATH}' });
    const fromConfig: Record<string, string> = { A: '${ANY}' };
    stage.env(fromConfig);
    stage.env('LITERAL', 'costs $5');
  });

  it('wrong option types', () => {
    const s = dockerfile().from('alpine', { as: 'base' }).from('alpine');
    // @ts-expect-error not a duration
    s.healthcheck(['x'], { interval: '30' });
    // @ts-expect-error not a duration unit
    s.healthcheck(['x'], { timeout: '5 minutes' });
    // @ts-expect-error a space before the unit (Go's parser refuses it)
    s.healthcheck(['x'], { interval: '30 s' });
    // @ts-expect-error a leading space
    s.healthcheck(['x'], { startPeriod: ' 30s' });
    // @ts-expect-error an exponent
    s.healthcheck(['x'], { timeout: '1e3ms' });
    // @ts-expect-error an underscore
    s.healthcheck(['x'], { startInterval: '1_000ms' });
    // @ts-expect-error Infinity is not a number Go reads
    s.healthcheck(['x'], { interval: 'Infinitys' });
    s.healthcheck(['x'], {
      interval: '30s',
      timeout: '1.5s',
      startPeriod: '1m30s',
      startInterval: '500ms',
    });
    s.healthcheck(['x'], { interval: '250µs', timeout: '2h' });
    // @ts-expect-error retries is a number
    s.healthcheck(['x'], { retries: '3' });
    // @ts-expect-error not a port
    s.expose('http');
    // @ts-expect-error unknown protocol
    s.expose('53/icmp');
    s.expose(8080, '53/udp', '8000-8010', '8000-8010/tcp');
    // @ts-expect-error unknown mount type
    s.run('x', { mounts: [{ type: 'volume', target: '/a' }] });
    // @ts-expect-error tmpfs has no id
    s.run('x', { mounts: [{ type: 'tmpfs', target: '/a', id: 'x' }] });
    // @ts-expect-error cache needs a target
    s.run('x', { mounts: [{ type: 'cache' }] });
    // @ts-expect-error sharing values
    s.run('x', { mounts: [{ type: 'cache', target: '/c', sharing: 'exclusive' }] });
    // @ts-expect-error network modes
    s.run('x', { network: 'bridge' });
    // @ts-expect-error ADD has no --from
    s.add('a', 'b', { from: 'base' });
    // @ts-expect-error ADD has no --parents
    s.add('a', 'b', { parents: true });
    // @ts-expect-error COPY has no --checksum
    s.copy('a', 'b', { checksum: 'sha256:0' });
    // @ts-expect-error a CMD string needs { shell: true }
    s.cmd('npm start');
    // @ts-expect-error SHELL is exec form only
    s.shell('/bin/sh -c');
    // @ts-expect-error platforms are os/arch
    dockerfile().from('alpine', { platform: 'amd64' });
    s.cmd('npm start', { shell: true }).cmd(['node']).run(commands('a', 'b'));
  });

  it('fragments and forks keep the type state', () => {
    const nonRoot = <B extends AnyStage>(b: B): B => b.user('node') as B;
    const s = dockerfile().from('node:22', { as: 'build' }).with(nonRoot);
    expectTypeOf(s.stage.name).toEqualTypeOf<'build'>();
  });
});

describe('stage references that cannot vanish', () => {
  it('an unnamed stage is known by its index, which only COPY --from takes', () => {
    const first = dockerfile().from('node:22');
    expectTypeOf(first.stage).toEqualTypeOf<StageRef<'0'>>();
    const second = first.from('alpine:3.20');
    expectTypeOf(second.stage).toEqualTypeOf<StageRef<'1'>>();
    second.copy('/out', '/out', { from: first.stage });
    second.copy('/out', '/out', { from: '0' });
    // @ts-expect-error a mount needs a named stage (BuildKit finds mount sources by name)
    second.run('ls', { mounts: [{ type: 'bind', target: '/x', from: first.stage }] });
    // @ts-expect-error FROM needs a named stage
    second.from(first.stage);
    // @ts-expect-error the current stage
    second.copy('/out', '/out', { from: second.stage });
  });

  it('stageName() keeps stage checking on for names the compiler cannot see', () => {
    const name = stageName(['build', 'web'].join('-'));
    const build = dockerfile().from('node:22', { as: name });
    const runtime = build.from('node:22-slim');
    runtime.copy('/app', '/app', { from: build.stage });
    runtime.copy('/app', '/app', { from: name });
    // @ts-expect-error no stage has that name
    runtime.copy('/app', '/app', { from: 'totally-unknown' });
    const dynamic: string = 'x';
    // @ts-expect-error a stage name typed string: pass it through stageName()
    dockerfile().from('node:22', { as: dynamic });
    // @ts-expect-error a stage name starts with a letter
    dockerfile().from('node:22', { as: '1st' });
  });

  it('edit() reads stages and variables from a literal file', () => {
    const text = 'ARG BASE=alpine\nFROM ${BASE} AS base\nENV APP=/app\nARG MODE\n';
    const loaded = edit(text);
    expectTypeOf(loaded.stage).toEqualTypeOf<StageRef<'base'>>();
    loaded.workdir('${APP}/${MODE}');
    // @ts-expect-error not declared in the last stage
    loaded.workdir('${NOPE}');
    const next = loaded.from('${BASE}', { as: 'brand-new' });
    next.copy('/x', '/x', { from: 'base' });
    // @ts-expect-error no stage named so
    next.copy('/x', '/x', { from: 'nope' });
    // @ts-expect-error a duplicate stage name
    loaded.from('alpine', { as: 'base' });
    // @ts-expect-error a file without FROM is a preamble: no stage yet
    edit('ARG V=1\n').run('true');
    // A heredoc body is not instructions: a file with one is checked at run time only (its
    // `FROM evil AS two` line must neither end stage "one" nor add a stage "two").
    const heredoc = edit('FROM a AS one\nARG V\nRUN <<EOF\nFROM evil AS two\nEOF\n');
    heredoc.workdir('${V}');
    expectTypeOf(heredoc.stage.name).toEqualTypeOf<string>();
    // A text the checker cannot see is checked at run time.
    const unknown = edit(text as string);
    unknown.from('alpine', { as: 'brand-new' }).copy('/x', '/x', { from: 'anything' });
  });
});

describe('literal(), glob() and checked values', () => {
  it('literal() goes wherever a string does, and is never expanded', () => {
    const s = dockerfile().from('alpine');
    s.env('PASSWORD', literal('pa$$word'))
      .label(literal('key$'), literal('${x}'))
      .workdir(literal('/$HOME'))
      .user(literal('$USER'))
      .volume(literal('/$data'))
      .copy(literal('a*b'), literal('/$x/'));
  });

  it('a source with "*" or "?" is a name unless glob() makes it a pattern', () => {
    const s = dockerfile().from('alpine');
    // @ts-expect-error use glob('*.json')
    s.copy('*.json', './');
    s.copy(glob('*.json'), './');
    s.copy(['pages/[id].js', glob('src/**')], './');
  });
});

describe('type errors that say what to do', () => {
  it('CMD and ENTRYPOINT: shell form needs { shell: true }, exec form does not take it', () => {
    const s = dockerfile().from('alpine');
    // @ts-expect-error a string is shell form: pass { shell: true }
    s.cmd('npm start');
    // @ts-expect-error a string is shell form: pass { shell: true }
    s.entrypoint('npm start');
    // @ts-expect-error an array is exec form: drop { shell: true }
    s.cmd(['npm', 'start'], { shell: true });
    s.cmd('npm start', { shell: true }).entrypoint(['tini', '--']);
  });

  it('a later or unknown stage is named in the error', () => {
    const s = dockerfile().from('alpine', { as: 'base' }).from('alpine', { as: 'app' });
    expectTypeOf(s.copy).parameter(2).not.toBeAny();
    // @ts-expect-error no stage named "later" is defined before this one
    s.copy('/x', '/x', { from: 'later' });
    // @ts-expect-error no stage named "later" is defined before this one
    s.run('x', { mounts: [{ type: 'cache', target: '/c', from: 'later' }] });
    s.run('x', { mounts: [{ type: 'cache', target: '/c', from: 'base' }] });
  });
});
