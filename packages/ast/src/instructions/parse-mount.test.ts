// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is Dockerfile syntax, not a template
import { describe, expect, it } from 'vitest';
import { parseMount } from './parse-mount.js';

describe('parseMount: mounts and defaults', () => {
  it.each([
    // bind is the default type and read-only by default
    ['target=/src', { type: 'bind', target: '/src', source: null, from: null, readwrite: false }],
    [
      'type=bind,src=app,dst=/app,rw',
      { type: 'bind', target: '/app', source: 'app', from: null, readwrite: true },
    ],
    [
      'TYPE=Bind,Source=/x,Destination=/y,from=build,readwrite=true',
      { type: 'bind', target: '/y', source: '/x', from: 'build', readwrite: true },
    ],
    [
      'type=bind,target=/y,rw=false',
      { type: 'bind', target: '/y', source: null, from: null, readwrite: false },
    ],
    [
      'type=cache,target=/root/.cache/',
      {
        type: 'cache',
        target: '/root/.cache/',
        id: '/root/.cache',
        sharing: 'shared',
        from: null,
        source: null,
        mode: 0o755,
        uid: null,
        gid: null,
        readonly: false,
      },
    ],
    [
      'type=cache,id=npm,target=/npm,sharing=LOCKED,mode=0700,uid=1000,gid=1000,ro',
      {
        type: 'cache',
        target: '/npm',
        id: 'npm',
        sharing: 'locked',
        from: null,
        source: null,
        mode: 0o700,
        uid: 1000,
        gid: 1000,
        readonly: true,
      },
    ],
    ['type=tmpfs,target=/tmp', { type: 'tmpfs', target: '/tmp', size: null }],
    ['target=/tmp,type=tmpfs,size=64m', { type: 'tmpfs', target: '/tmp', size: 64 * 1024 ** 2 }],
    [
      'type=secret,id=aws',
      {
        type: 'secret',
        id: 'aws',
        target: '/run/secrets/aws',
        env: null,
        required: false,
        mode: 0o400,
        uid: null,
        gid: null,
      },
    ],
    [
      // the id defaults to the base name of the target
      'type=secret,target=/root/.npmrc,required',
      {
        type: 'secret',
        id: '.npmrc',
        target: '/root/.npmrc',
        env: null,
        required: true,
        mode: 0o400,
        uid: null,
        gid: null,
      },
    ],
    [
      'type=secret,id=token,env=TOKEN,required=true',
      {
        type: 'secret',
        id: 'token',
        target: null,
        env: 'TOKEN',
        required: true,
        mode: 0o400,
        uid: null,
        gid: null,
      },
    ],
    [
      'type=ssh',
      {
        type: 'ssh',
        id: 'default',
        target: null,
        required: false,
        mode: 0o600,
        uid: null,
        gid: null,
      },
    ],
    [
      'type=ssh,id=github,mode=0666,required=false',
      {
        type: 'ssh',
        id: 'github',
        target: null,
        required: false,
        mode: 0o666,
        uid: null,
        gid: null,
      },
    ],
    [
      // CSV quoting lets a value hold a comma
      'type=bind,"source=a,b",target=/c',
      { type: 'bind', target: '/c', source: 'a,b', from: null, readwrite: false },
    ],
    [
      // variables are taken on trust
      'type=cache,target=/x,mode=$MODE,uid=${UID}',
      {
        type: 'cache',
        target: '/x',
        id: '/x',
        sharing: 'shared',
        from: null,
        source: null,
        mode: 0o755,
        uid: null,
        gid: null,
        readonly: false,
      },
    ],
  ])('%s', (value, mount) => {
    expect(parseMount(value)).toEqual({ mount });
  });
});

describe('parseMount: BuildKit errors', () => {
  it.each([
    ['type=foo', 'unsupported mount type "foo"'],
    ['type=cahce,target=/x', 'unsupported mount type "cahce" (did you mean cache?)'],
    ['type=bind,target=/x,required', "unexpected key 'required' for mount type 'bind'"],
    ['required,type=secret,id=x', "unexpected key 'required' for mount type 'bind'"],
    ['type=cache,target=/x,size=10m', "unexpected key 'size' for mount type 'cache'"],
    ['type=bind,target', "invalid field 'target' must be a key=value pair"],
    ['type=bind,taget=/x', "unexpected key 'taget' in 'taget=/x' (did you mean target?)"],
    ['type=bind,target=/x,foo=bar', "unexpected key 'foo' in 'foo=bar' (did you mean from?)"],
    ['type=bind,target=/x,color=red', "unexpected key 'color' in 'color=red'"],
    ['type=bind,target=/x,mode=0700', 'mode not allowed for "bind" type mounts'],
    ['type=tmpfs,target=/x,uid=1', 'uid not allowed for "tmpfs" type mounts'],
    ['type=bind,target=/x,gid=1', 'gid not allowed for "bind" type mounts'],
    ['type=cache,target=/x,mode=999', 'invalid value 999 for mode'],
    ['type=cache,target=/x,uid=-1', 'invalid value -1 for uid'],
    ['type=bind,target=/x,ro=maybe', 'invalid value for ro: maybe'],
    ['type=tmpfs,target=/x,size=big', 'invalid value for size: big'],
    ['type=cache,target=/x,sharing=everyone', 'unsupported sharing value "everyone"'],
    [
      'type=cache,target=/x,sharing=lockd',
      'unsupported sharing value "lockd" (did you mean locked?)',
    ],
    ['type=secret,id=x,from=build', 'secret mount should not have a from'],
    ['type=secret,id=x,sharing=shared', 'secret mount should not define sharing'],
    ['type=secret', 'invalid secret mount. one of source, target required'],
    ['type=secret,source=a,id=b', "both source and id can't be set"],
    ['type=bind,target=/x,sharing=locked', 'invalid cache sharing set for bind mount'],
    ['type=ssh,source=/key', 'ssh does not support source'],
    [
      'type=bind,from=$STAGE,target=/x',
      "'from' doesn't support variable expansion, define alias stage instead",
    ],
    ['', 'failed to parse csv mounts: EOF'],
    [
      'type=bind,target="/x',
      'failed to parse csv mounts: parse error on line 1, column 18: bare " in non-quoted-field',
    ],
  ])('%s', (value, error) => {
    expect(parseMount(value)).toEqual({ error });
  });

  it('accepts a trailing $ in from, as BuildKit does', () => {
    expect(parseMount('from=build$,target=/x')).toMatchObject({ mount: { from: 'build$' } });
  });
});
