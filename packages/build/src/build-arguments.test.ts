import { describe, expect, it } from 'vitest';
import { buildArguments } from './build-arguments.js';
import { BuildOptionsError } from './build-error.js';

const files = { iidfile: '/t/iid', metadataFile: '/t/meta.json' };

describe('buildArguments', () => {
  it('writes the built-in BuildKit command line, the Dockerfile on stdin', () => {
    const r = buildArguments(
      'docker',
      {
        context: 'app',
        tags: ['a:1', 'a:latest'],
        target: 'runtime',
        buildArgs: { NODE: '22', SKIPPED: undefined },
        labels: { 'org.example': 'x y' },
        platforms: ['linux/arm64'],
        cacheFrom: ['a:cache', { type: 'registry', ref: 'a:cache2' }],
        cacheTo: [{ type: 'inline' }],
        secrets: [
          { id: 'npmrc', src: '/home/me/.npmrc' },
          { id: 'tok', env: 'TOKEN' },
          { id: 'pw', value: 'hunter2' },
        ],
        ssh: ['default', { id: 'git', paths: ['/k1', '/k2'] }],
        noCache: true,
        pull: true,
      },
      files,
    );
    expect(r.args).toEqual([
      'build',
      '--progress=plain',
      '--iidfile',
      '/t/iid',
      '-t',
      'a:1',
      '-t',
      'a:latest',
      '--target',
      'runtime',
      '--build-arg',
      'NODE=22',
      '--label',
      'org.example=x y',
      '--platform',
      'linux/arm64',
      '--cache-from',
      'a:cache',
      '--cache-from',
      'a:cache2',
      '--build-arg',
      'BUILDKIT_INLINE_CACHE=1',
      '--secret',
      'id=npmrc,src=/home/me/.npmrc',
      '--secret',
      'id=tok,env=TOKEN',
      '--secret',
      'id=pw,env=DOCKWRIGHT_BUILD_SECRET_2',
      '--ssh',
      'default',
      '--ssh',
      'git=/k1,/k2',
      '--no-cache',
      '--pull',
      '-f',
      '-',
      'app',
    ]);
    // A secret's value goes through the environment, never the command line.
    expect(r.env).toEqual({ DOCKER_BUILDKIT: '1', DOCKWRIGHT_BUILD_SECRET_2: 'hunter2' });
    expect(r.args.join(' ')).not.toContain('hunter2');
  });

  it('sends the Dockerfile as the whole context when there is none', () => {
    expect(buildArguments('docker', {}, files).args.slice(-1)).toEqual(['-']);
  });

  it('writes the buildx command line: metadata, builder, load or push, cache exports', () => {
    const r = buildArguments(
      'buildx',
      {
        context: '.',
        builder: 'remote',
        platforms: ['linux/amd64', 'linux/arm64'],
        push: true,
        tags: ['r/a:1'],
        cacheTo: [{ type: 'registry', ref: 'r/a:cache', mode: 'max' }],
      },
      files,
    );
    expect(r.args).toEqual([
      'buildx',
      'build',
      '--progress=plain',
      '--iidfile',
      '/t/iid',
      '--metadata-file',
      '/t/meta.json',
      '--builder',
      'remote',
      '--push',
      '-t',
      'r/a:1',
      '--platform',
      'linux/amd64,linux/arm64',
      '--cache-to',
      'type=registry,ref=r/a:cache,mode=max',
      '-f',
      '-',
      '.',
    ]);
    expect(r.env).toEqual({});
    expect(buildArguments('buildx', {}, files).args).toContain('--load');
  });

  it.each([
    [{ platforms: ['linux/amd64', 'linux/arm64'] }, /2 platforms needs docker buildx/],
    [{ builder: 'remote' }, /builder "remote" needs docker buildx/],
    [
      { cacheTo: [{ type: 'registry', ref: 'x' }] },
      /cache export "type=registry,ref=x" needs docker buildx/,
    ],
    [{ cacheFrom: ['type=gha'] }, /cache import "type=gha" needs docker buildx/],
    [{ secrets: [{ id: 'a,b', src: 'x' }] }, /secret id "a,b"/],
  ])('refuses what the built-in BuildKit cannot do: %j', (options, message) => {
    expect(() => buildArguments('docker', options, files)).toThrow(BuildOptionsError);
    expect(() => buildArguments('docker', options, files)).toThrow(message);
  });
});

describe('build() options', () => {
  it('refuses a build arg no ARG declares, before starting the client', async () => {
    const { build } = await import('./build.js');
    const engine = { command: '/nonexistent/docker' };
    const df = 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}\nFROM alpine AS two\nARG PORT\n';
    await expect(build(df, { buildArgs: { NODE_VERSON: '20' }, engine })).rejects.toThrow(
      'build arg NODE_VERSON is not declared by any ARG in the Dockerfile (did you mean NODE_VERSION?)',
    );
    await expect(build(df, { buildArgs: { XYZZY: '1' }, engine })).rejects.toThrow(
      /it declares NODE_VERSION, PORT/,
    );
    // Declared in any stage, or predefined: accepted (and then the missing client is the error).
    await expect(build(df, { buildArgs: { PORT: '1', http_proxy: 'x' }, engine })).rejects.toThrow(
      /not found/,
    );
  });
});
