import { describe, expect, it } from 'vitest';
import { parseImageReference } from './image-reference.js';
import { imageReferences } from './image-references.js';
import { pinDockerfile } from './pin.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

/** A registry that knows some tags; records what was asked. */
function fakeRegistry(tags: Record<string, string>) {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (ref: ReturnType<typeof parseImageReference>) => {
      const key = `${ref.registry}/${ref.repository}:${ref.tag}`;
      asked.push(key);
      const d = tags[key];
      if (!d) throw new Error(`${key}: no such tag or repository`);
      return d;
    },
  };
}

describe('parseImageReference', () => {
  it.each([
    ['node', { registry: 'docker.io', repository: 'library/node', tag: null, digest: null }],
    [
      'node:22-slim',
      { registry: 'docker.io', repository: 'library/node', tag: '22-slim', digest: null },
    ],
    [
      'bitnami/redis:7',
      { registry: 'docker.io', repository: 'bitnami/redis', tag: '7', digest: null },
    ],
    [
      'index.docker.io/library/node:22',
      { registry: 'docker.io', repository: 'library/node', tag: '22', digest: null },
    ],
    ['localhost/app', { registry: 'localhost', repository: 'app', tag: null, digest: null }],
    [
      '127.0.0.1:5000/team/app:1',
      { registry: '127.0.0.1:5000', repository: 'team/app', tag: '1', digest: null },
    ],
    [`ghcr.io/o/a:v1@${D1}`, { registry: 'ghcr.io', repository: 'o/a', tag: 'v1', digest: D1 }],
    [
      `alpine@${D1}`,
      { registry: 'docker.io', repository: 'library/alpine', tag: null, digest: D1 },
    ],
  ])('%s', (ref, expected) => {
    expect(parseImageReference(ref)).toEqual(expected);
  });

  it.each(['Node:22', 'node:', 'a//b', 'node@sha256:12', 'node:bad/tag'])('refuses %s', (ref) => {
    expect(() => parseImageReference(ref)).toThrow(/invalid image reference/);
  });
});

describe('imageReferences', () => {
  it('finds FROM images, COPY --from and mount from= images, not stages or scratch', () => {
    const text = [
      'ARG BASE=alpine:3.20',
      'FROM --platform=$BUILDPLATFORM node:22 AS build',
      'COPY --from=nginx:1.27 /etc/nginx /n',
      'RUN --mount=type=cache,target=/c --mount="type=bind,from=busybox:1,target=/b" true',
      'FROM build AS again',
      'FROM scratch',
      'COPY --from=build /a /a',
      'COPY --from=0 /a /b',
      'FROM ${BASE}',
      'RUN --mount=from=again,target=/x true',
      '',
    ].join('\n');
    expect(imageReferences(text).map((r) => [r.kind, r.ref, r.line, r.column, r.editable])).toEqual(
      [
        ['from', 'node:22', 2, 32, true],
        ['copy', 'nginx:1.27', 3, 13, true],
        ['mount', 'busybox:1', 4, 58, true],
        ['from', '${BASE}', 9, 6, true],
      ],
    );
  });

  it('locates references across continuations, with the backtick escape and CRLF', () => {
    const text =
      '# escape=`\r\nFROM `\r\n  # a comment in the continuation\r\n  node:22 `\r\n  AS build\r\n';
    const [site] = imageReferences(text);
    expect(site).toMatchObject({ ref: 'node:22', line: 4, column: 3, editable: true });
    expect(text.slice(site!.start, site!.end)).toBe('node:22');
  });
});

describe('pinDockerfile', () => {
  it.each([0, -1, 1.5, Number.NaN])(
    'refuses concurrency %s instead of resolving nothing',
    async (c) => {
      const registry = fakeRegistry({ 'docker.io/library/node:22': D1 });
      await expect(
        pinDockerfile('FROM node:22\n', { resolve: registry.resolve, concurrency: c }),
      ).rejects.toThrow(/concurrency must be a whole number of at least 1/);
    },
  );

  it('writes digests into the references and keeps every other byte', async () => {
    const registry = fakeRegistry({
      'docker.io/library/node:22': D1,
      'docker.io/library/nginx:latest': D2,
    });
    const text =
      '# keep me\r\nFROM \tnode:22   AS   build \r\nFROM nginx\r\nCOPY --from=node:22 --chown=1:1 /a /b\r\n';
    const r = await pinDockerfile(text, { resolve: registry.resolve });
    expect(r.text).toBe(
      `# keep me\r\nFROM \tnode:22@${D1}   AS   build \r\nFROM nginx:latest@${D2}\r\nCOPY --from=node:22@${D1} --chown=1:1 /a /b\r\n`,
    );
    expect(r.ok).toBe(true);
    // One question per tag.
    expect(registry.asked.sort()).toEqual([
      'docker.io/library/nginx:latest',
      'docker.io/library/node:22',
    ]);
  });

  it('checks and updates pinned references', async () => {
    const text = `FROM node:22@${D1}\nFROM alpine@${D1}\n`;
    const moved = fakeRegistry({ 'docker.io/library/node:22': D2 });
    const check = await pinDockerfile(text, { mode: 'check', resolve: moved.resolve });
    expect(check.references.map((r) => r.status)).toEqual(['moved', 'digest-only']);
    expect(check.ok).toBe(false);
    expect(check.text).toBe(text);
    const update = await pinDockerfile(text, { mode: 'update', resolve: moved.resolve });
    expect(update.text).toBe(`FROM node:22@${D2}\nFROM alpine@${D1}\n`);
    const pin = await pinDockerfile(text, { resolve: moved.resolve });
    expect(pin.text).toBe(text);
    expect(moved.asked).toEqual(['docker.io/library/node:22', 'docker.io/library/node:22']);
  });

  it('judges references built from variables through the ARG defaults, and leaves them as written', async () => {
    const registry = fakeRegistry({ 'docker.io/library/node:22': D1 });
    const pinnedArg = await pinDockerfile(`ARG BASE=node:22@${D1}\nFROM \${BASE}\n`, {
      mode: 'check',
      resolve: registry.resolve,
    });
    expect(pinnedArg.references[0]).toMatchObject({ status: 'current' });
    const unpinned = `ARG V=22\nFROM node:\${V}\n`;
    const check = await pinDockerfile(unpinned, { mode: 'check', resolve: registry.resolve });
    expect(check.references[0]).toMatchObject({ status: 'unpinned', latest: D1 });
    const pin = await pinDockerfile(unpinned, { resolve: registry.resolve });
    expect(pin.text).toBe(unpinned);
    expect(pin.references[0]).toMatchObject({
      status: 'skipped',
      message: expect.stringMatching(/pin the ARG's default/),
    });
    expect(pin.ok).toBe(false);
  });

  it('reports registry failures per reference', async () => {
    const r = await pinDockerfile('FROM private.example/app:1\nFROM node:22\n', {
      resolve: fakeRegistry({ 'docker.io/library/node:22': D1 }).resolve,
    });
    expect(r.references.map((x) => x.status)).toEqual(['error', 'pinned']);
    expect(r.references[0]!.message).toMatch(/no such tag/);
    expect(r.text).toBe(`FROM private.example/app:1\nFROM node:22@${D1}\n`);
  });
});

describe("the SDK's from() and image() with digests", () => {
  it('write digest references that pin reads as pinned', async () => {
    const { dockerfile, image } = await import('@dockwright/sdk');
    const text = dockerfile()
      .from(`node:22-slim@${D1}`, { as: 'build' })
      .run('true', { mounts: [{ type: 'bind', from: image(`busybox:1@${D1}`), target: '/b' }] })
      .copy('/a', '/b', { from: image(`nginx@${D2}`) })
      .toString();
    expect(text).toContain(`FROM node:22-slim@${D1} AS build\n`);
    const registry = fakeRegistry({
      'docker.io/library/node:22-slim': D1,
      'docker.io/library/busybox:1': D1,
    });
    const r = await pinDockerfile(text, { mode: 'check', resolve: registry.resolve });
    expect(r.references.map((x) => [x.kind, x.status])).toEqual([
      ['from', 'current'],
      ['mount', 'current'],
      ['copy', 'digest-only'],
    ]);
    expect(r.ok).toBe(true);
  });
});

describe('hostile input', () => {
  it('reads long references and step names in linear time', async () => {
    const { parseStepName } = await import('./step-sources.js');
    const long = `a${'1'.repeat(200_000)}`;
    const started = performance.now();
    expect(parseStepName(`[${long} 1/2] RUN x`)).toMatchObject({ stage: long, index: 1 });
    expect(parseStepName(`[${long}`)).toBeNull();
    expect(() => parseImageReference(`${'a'.repeat(200_000)}_/x:1`)).toThrow(
      /invalid image reference/,
    );
    expect(() => parseImageReference(`${'a-'.repeat(100_000)}!:1`)).toThrow(
      /invalid image reference/,
    );
    // Generous: quadratic work on these inputs takes minutes.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
