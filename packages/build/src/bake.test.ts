import { dockerfile } from '@dockwright/sdk';
import { describe, expect, it } from 'vitest';
import { bake, bakeTargetOptions, bakeTargets } from './bake.js';
import { BuildOptionsError } from './build-error.js';
import { runBake } from './run-bake.js';

/**
 * The target attributes of buildx's bake file reference (docs/bake-reference.md, "Target"), with
 * their types: Map = object of strings, List = array of strings, String, Boolean.
 */
const TARGET_ATTRIBUTES: Record<string, 'Map' | 'List' | 'String' | 'Boolean'> = {
  args: 'Map',
  annotations: 'List',
  attest: 'List',
  'cache-from': 'List',
  'cache-to': 'List',
  call: 'String',
  context: 'String',
  contexts: 'Map',
  description: 'String',
  'dockerfile-inline': 'String',
  dockerfile: 'String',
  entitlements: 'List',
  'extra-hosts': 'List',
  inherits: 'List',
  labels: 'Map',
  matrix: 'Map',
  name: 'String',
  'no-cache-filter': 'List',
  'no-cache': 'Boolean',
  output: 'List',
  policy: 'List',
  platforms: 'List',
  pull: 'Boolean',
  resources: 'Map',
  secret: 'List',
  'shm-size': 'List',
  ssh: 'List',
  tags: 'List',
  target: 'String',
  ulimits: 'List',
};
const NAME = /^[a-zA-Z0-9_-]+$/;

/** Checks a bake file against the documented schema; returns the problems. */
function schemaProblems(file: unknown): string[] {
  const problems: string[] = [];
  const f = JSON.parse(JSON.stringify(file)) as Record<string, unknown>;
  for (const key of Object.keys(f))
    if (key !== 'group' && key !== 'target') problems.push(`top-level ${key}`);
  for (const [name, g] of Object.entries(
    (f.group ?? {}) as Record<string, { targets?: unknown }>,
  )) {
    if (!NAME.test(name)) problems.push(`group name ${name}`);
    if (!Array.isArray(g.targets) || !g.targets.every((t) => typeof t === 'string'))
      problems.push(`group ${name} targets`);
    for (const k of Object.keys(g))
      if (k !== 'targets' && k !== 'description') problems.push(`group ${name}.${k}`);
  }
  for (const [name, t] of Object.entries(
    (f.target ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    if (!NAME.test(name)) problems.push(`target name ${name}`);
    for (const [k, v] of Object.entries(t)) {
      const type = TARGET_ATTRIBUTES[k];
      const ok =
        type === 'String'
          ? typeof v === 'string'
          : type === 'Boolean'
            ? typeof v === 'boolean'
            : type === 'List'
              ? Array.isArray(v) && v.every((x) => typeof x === 'string')
              : type === 'Map'
                ? typeof v === 'object' &&
                  v !== null &&
                  !Array.isArray(v) &&
                  Object.values(v).every((x) => typeof x === 'string' || x === null)
                : false;
      if (!ok) problems.push(`target ${name}.${k}`);
    }
  }
  return problems;
}

const api = dockerfile()
  .arg('NODE_VERSION', '22')
  .from('node:${NODE_VERSION}-slim', { as: 'build' })
  .run('npm ci')
  .from('node:22-slim', { as: 'runtime' })
  .cmd(['node', 'server.js']);

describe('bake()', () => {
  const file = bake(
    {
      api: {
        dockerfile: api,
        context: 'services/api',
        tags: ['registry.example/api:1', 'registry.example/api:latest'],
        target: 'runtime',
        args: { NODE_VERSION: '20' },
        labels: { 'org.opencontainers.image.title': 'API ${not a bake variable}' },
        platforms: ['linux/amd64', 'linux/arm64'],
        cacheFrom: [{ type: 'registry', ref: 'registry.example/api:cache' }],
        cacheTo: ['type=inline'],
        secrets: [
          { id: 'npmrc', src: '.npmrc' },
          { id: 'token', env: 'NPM_TOKEN' },
        ],
        ssh: ['default'],
        push: true,
        pull: true,
        description: 'the API',
      },
      web: { dockerfile: 'FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\n', context: 'web' },
    },
    { groups: { release: ['api', 'web'], backend: ['api'] } },
  );

  it('writes only attributes of the documented bake schema, with their types', () => {
    expect(schemaProblems(file)).toEqual([]);
    expect(Object.keys(file.group)).toEqual(['release', 'backend', 'default']);
    expect(file.group.default).toEqual({ targets: ['api', 'web'] });
  });

  it('escapes ${ and %{, which bake would interpolate in JSON strings', () => {
    const inline = file.target.api!['dockerfile-inline']!;
    expect(inline).toContain('FROM node:$${NODE_VERSION}-slim AS build');
    expect(inline).not.toMatch(/(^|[^$])\$\{/);
    expect(file.target.api!.labels).toEqual({
      'org.opencontainers.image.title': 'API $${not a bake variable}',
    });
    // Reading it back gives the Dockerfile exactly.
    expect(bakeTargetOptions(file.target.api!).dockerfile).toBe(api.toString());
  });

  it('maps every option to the attribute buildx reads, and back for the fallback', () => {
    expect(file.target.api).toMatchObject({
      context: 'services/api',
      target: 'runtime',
      args: { NODE_VERSION: '20' },
      platforms: ['linux/amd64', 'linux/arm64'],
      'cache-from': ['type=registry,ref=registry.example/api:cache'],
      'cache-to': ['type=inline'],
      secret: ['id=npmrc,src=.npmrc', 'id=token,env=NPM_TOKEN'],
      ssh: ['default'],
      output: ['type=registry'],
      pull: true,
    });
    expect(bakeTargetOptions(file.target.api!).options).toMatchObject({
      context: 'services/api',
      tags: ['registry.example/api:1', 'registry.example/api:latest'],
      target: 'runtime',
      buildArgs: { NODE_VERSION: '20' },
      secrets: [
        { id: 'npmrc', src: '.npmrc' },
        { id: 'token', env: 'NPM_TOKEN' },
      ],
      ssh: ['default'],
      push: true,
      pull: true,
    });
  });

  it('escapes the names of args and labels too (bake reads object keys as templates)', () => {
    const f = bake({ a: { dockerfile: 'FROM a', labels: { 'x.${y}': '%{z}' } } });
    expect(f.target.a!.labels).toEqual({ 'x.$${y}': '%%{z}' });
    expect(bakeTargetOptions(f.target.a!).options.labels).toEqual({ 'x.${y}': '%{z}' });
  });

  it('quotes secret fields as buildx reads them (CSV), and reads them back whole', () => {
    const f = bake({
      a: {
        dockerfile: 'FROM a',
        secrets: [
          { id: 'cfg', src: 'conf/a=b,c.json' },
          { id: 'tok', env: 'A,src=/etc/shadow' },
        ],
      },
    });
    expect(f.target.a!.secret).toEqual([
      'id=cfg,"src=conf/a=b,c.json"',
      'id=tok,"env=A,src=/etc/shadow"',
    ]);
    expect(bakeTargetOptions(f.target.a!).options.secrets).toEqual([
      { id: 'cfg', src: 'conf/a=b,c.json' },
      { id: 'tok', env: 'A,src=/etc/shadow' },
    ]);
    // A hand-written bake file: a value with '=' is kept whole.
    expect(
      bakeTargetOptions({ secret: ['id=x,src=/run/a=b', 'id=y,type=env,env=Y'] }).options.secrets,
    ).toEqual([
      { id: 'x', src: '/run/a=b' },
      { id: 'y', env: 'Y' },
    ]);
    expect(() =>
      bake({ a: { dockerfile: 'FROM a', ssh: [{ id: 'k', paths: ['/a,b'] }] } }),
    ).toThrow(/ssh key path "\/a,b"/);
  });

  it('refuses a concurrency that would build nothing', async () => {
    await expect(
      runBake(file, { concurrency: 0, engine: { command: '/nonexistent/docker', kind: 'docker' } }),
    ).rejects.toThrow(/concurrency must be a whole number of at least 1/);
  });

  it('resolves targets and groups as bake does', () => {
    expect(bakeTargets(file)).toEqual(['api', 'web']);
    expect(bakeTargets(file, ['backend'])).toEqual(['api']);
    expect(bakeTargets(file, ['web', 'release'])).toEqual(['web', 'api']);
    expect(() => bakeTargets(file, ['nope'])).toThrow(/no target or group "nope"/);
  });

  it('refuses names bake refuses, unknown group members and secret values', () => {
    expect(() => bake({ 'a.b': { dockerfile: 'FROM a' } })).toThrow(BuildOptionsError);
    expect(() => bake({ a: { dockerfile: 'FROM a' } }, { groups: { g: ['b' as 'a'] } })).toThrow(
      /names no target "b"/,
    );
    expect(() =>
      bake({ a: { dockerfile: 'FROM a', secrets: [{ id: 'x', value: 'v' } as never] } }),
    ).toThrow(/a bake file takes files \(src\) or environment variables \(env\) only/);
  });
});
