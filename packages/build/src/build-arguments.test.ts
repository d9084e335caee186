import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      '--',
      'app',
    ]);
    // A secret's value goes through the environment, never the command line.
    expect(r.env).toEqual({ DOCKER_BUILDKIT: '1', DOCKWRIGHT_BUILD_SECRET_2: 'hunter2' });
    expect(r.args.join(' ')).not.toContain('hunter2');
  });

  it('quotes a secret’s fields: an environment variable name cannot add a source', () => {
    const r = buildArguments('docker', { secrets: [{ id: 'x', env: 'A,src=/etc/shadow' }] }, files);
    expect(r.args).toContain('id=x,"env=A,src=/etc/shadow"');
  });

  it('sends the Dockerfile as the whole context when there is none', () => {
    expect(buildArguments('docker', {}, files).args.slice(-2)).toEqual(['--', '-']);
  });

  it('ends the flags before the context: a context starting with a dash is a path', () => {
    for (const kind of ['docker', 'buildx'] as const) {
      expect(
        buildArguments(kind, { context: '--output=type=local,dest=/tmp/x' }, files).args.slice(-4),
      ).toEqual(['-f', '-', '--', '--output=type=local,dest=/tmp/x']);
    }
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
      '--',
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

  it.each([
    [{ platforms: ['linux/amd64,linux/arm64'] }, /platform "linux\/amd64,linux\/arm64"/],
    [{ platforms: ['linux/amd64\n'] }, /platform "linux\/amd64\\n"/],
    [{ platforms: ['--push'] }, /platform "--push"/],
    [{ ssh: [{ id: 'git=/k,other' }] }, /ssh id "git=\/k,other"/],
    [{ ssh: [{ id: 'git', paths: ['/keys/a,b'] }] }, /ssh key path "\/keys\/a,b"/],
    [{ labels: { 'a=b': 'c' } }, /label name "a=b"/],
    [{ labels: { '': 'c' } }, /label name ""/],
  ])('refuses a value the client would read as something else: %j', (options, message) => {
    for (const kind of ['docker', 'buildx'] as const) {
      expect(() => buildArguments(kind, options, files)).toThrow(BuildOptionsError);
      expect(() => buildArguments(kind, options, files)).toThrow(message);
    }
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

  it('refuses push without a tag before building, not after', async () => {
    const { build } = await import('./build.js');
    const engine = { command: '/nonexistent/docker' };
    for (const kind of ['docker', 'buildx'] as const) {
      await expect(build('FROM a\n', { push: true, engine: { ...engine, kind } })).rejects.toThrow(
        BuildOptionsError,
      );
    }
  });

  it('stops the client and rejects with the error when onProgress throws', async () => {
    const { build } = await import('./build.js');
    // A client that shows a step, then waits: only an interrupt ends it early.
    const dir = mkdtempSync(join(tmpdir(), 'dockwright-fake-docker-'));
    const needle = `${31 + (process.pid % 1000) / 1000}`;
    const command = join(dir, 'docker');
    writeFileSync(
      command,
      `#!/bin/sh\nprintf '#1 [internal] load build definition from Dockerfile\\n' >&2\nexec sleep ${needle}\n`,
    );
    chmodSync(command, 0o700);
    const started = Date.now();
    const error = await build('FROM a\n', {
      engine: { command, kind: 'docker' },
      onProgress: () => {
        throw new Error('the callback broke');
      },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('the callback broke');
    expect(Date.now() - started).toBeLessThan(20_000);
    const sleeping = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8') === `sleep\0${needle}\0`;
        } catch {
          return false;
        }
      });
    expect(sleeping).toEqual([]);
  });
});
