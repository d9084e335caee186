/**
 * runBake through both clients: `docker buildx bake` on the file, and, where buildx is missing,
 * each target through build() on the built-in BuildKit. Either way the images must be the ones
 * build() makes from the same targets.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, removeImage, requireDockerEngine, uniqueName } from '@dockwright/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildError, bake, build, runBake } from '../src/index.js';
import { testVariants } from './clients.js';
import { processesGone } from './processes.js';

const engine = requireDockerEngine();
const variants = testVariants(engine);
const images: string[] = [];
afterAll(async () => {
  for (const image of images) await removeImage(image);
});

for (const { kind, client: variant } of variants) {
  describe.skipIf(!variant)(`runBake through ${kind}`, () => {
    it('builds every target of the file, and the images match build() of the same targets', async () => {
      const client = variant!.engine;
      const dir = mkdtempSync(join(tmpdir(), 'dockwright-bake-'));
      writeFileSync(join(dir, 'hello.txt'), `hello ${dir}\n`);
      const apiText =
        'ARG BASE=debian:12-slim\nFROM ${BASE} AS base\nARG FLAVOUR\nRUN echo "$FLAVOUR" > /flavour\nFROM base AS runtime\nCOPY hello.txt /hello.txt\nLABEL role=api\n';
      const webText =
        'FROM debian:12-slim\nCOPY hello.txt /srv/hello.txt\nLABEL role="web %{not bake}"\n';
      const apiTag = `${uniqueName('build-bake-api')}:1`;
      const webTag = `${uniqueName('build-bake-web')}:1`;
      images.push(apiTag, webTag);
      const file = bake({
        api: {
          dockerfile: apiText,
          context: '.',
          tags: [apiTag],
          target: 'runtime',
          args: { FLAVOUR: 'salty' },
        },
        web: { dockerfile: webText, tags: [webTag], labels: { 'dockwright.bake': 'web' } },
      });
      // Through JSON, as a file on disk would be.
      const events: string[] = [];
      const result = await runBake(JSON.parse(JSON.stringify(file)), {
        cwd: dir,
        engine: client,
        onProgress: (target, e) => {
          if (e.type === 'step-finished' && e.step.source)
            events.push(`${target} ${e.step.source.keyword} ${e.step.source.line}`);
        },
      });
      expect(result.engine).toBe(kind);
      // Each step is reported for its target, at the line of that target's Dockerfile.
      expect(events).toContain('api RUN 4');
      expect(events).toContain('api COPY 6');
      expect(events).toContain('web COPY 2');
      expect(Object.keys(result.targets)).toEqual(['api', 'web']);

      const direct = {
        api: await build(apiText, {
          context: dir,
          target: 'runtime',
          buildArgs: { FLAVOUR: 'salty' },
          engine: client,
        }),
        web: await build(webText, {
          context: dir,
          labels: { 'dockwright.bake': 'web' },
          engine: client,
        }),
      };
      expect(result.targets.api!.imageId).toBe(direct.api.imageId);
      expect(result.targets.web!.imageId).toBe(direct.web.imageId);

      const run = await docker(['run', '--rm', apiTag, 'cat', '/flavour', '/hello.txt']);
      expect(run.stdout).toBe(`salty\nhello ${dir}\n`);
      const inspect = await docker(['image', 'inspect', '-f', '{{json .Config.Labels}}', webTag]);
      expect(JSON.parse(inspect.stdout)).toMatchObject({
        role: 'web %{not bake}',
        'dockwright.bake': 'web',
      });
    });

    it('stops the other builds when a target fails, and builds nothing after it', async () => {
      const client = variant!.engine;
      const needle = `sleep 322.${Date.now() % 100000}`;
      const started: string[] = [];
      const finished: string[] = [];
      const file = bake({
        slow: { dockerfile: `FROM debian:12-slim\nRUN ${needle}\n` },
        fails: { dockerfile: 'FROM debian:12-slim\nRUN sleep 2 && exit 3\n' },
        later: { dockerfile: 'FROM debian:12-slim\nLABEL never=built\n' },
      });
      const error = await runBake(file, {
        engine: client,
        onProgress: (target, e) => {
          if (!started.includes(target)) started.push(target);
          if (e.type === 'step-finished' && e.step.source?.keyword === 'RUN')
            finished.push(`${target} ${e.step.status}`);
        },
      }).catch((e) => e);
      expect(error).toBeInstanceOf(BuildError);
      expect(error.location).toMatchObject({ file: 'fails:Dockerfile', line: 2 });
      // The slow build was stopped in the engine, not left running.
      expect(await processesGone(needle, 15_000)).toEqual([]);
      expect(finished.sort()).toEqual(['fails error', 'slow canceled']);
      // buildx bake starts every target at once; the fallback builds two at a time.
      if (kind === 'docker') expect(started).not.toContain('later');
    });
  });
}

const buildx = variants.find((v) => v.kind === 'buildx')!.client;

describe.skipIf(!buildx)('the bake file, read by docker buildx bake', () => {
  it('reads every attribute back as written (--print), and builds the file given with -f', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockwright-bake-file-'));
    writeFileSync(join(dir, 'secret, "quoted".txt'), 'secret\n');
    const { privateKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    writeFileSync(join(dir, 'id_test'), privateKey, { mode: 0o600 });
    const everything = 'FROM debian:12-slim AS base\nARG A\nRUN echo "${A}"\n';
    const built = 'FROM debian:12-slim AS base\nARG FLAVOUR\nLABEL flavour="${FLAVOUR}"\n';
    const tag = `${uniqueName('buildx-bake-file')}:1`;
    images.push(tag);
    const file = bake(
      {
        everything: {
          dockerfile: everything,
          description: 'all ${attributes}',
          context: '.',
          tags: ['registry.invalid/x:1', 'registry.invalid/x:${not-a-variable}'],
          target: 'base',
          args: { A: '${a} %{b}' },
          labels: { 'l${x}': '%{v}' },
          platforms: ['linux/amd64'],
          cacheFrom: [{ type: 'registry', ref: 'registry.invalid/cache:1' }, 'type=local,src=c'],
          cacheTo: [{ type: 'inline' }],
          secrets: [
            { id: 's1', env: 'HOME' },
            { id: 's2', src: 'secret, "quoted".txt' },
          ],
          ssh: [{ id: 'key', paths: ['id_test'] }],
          push: true,
          noCache: true,
          pull: true,
        },
        built: { dockerfile: built, tags: [tag], args: { FLAVOUR: '${salty}' } },
      },
      { groups: { print: ['everything'] } },
    );
    writeFileSync(join(dir, 'docker-bake.json'), JSON.stringify(file, null, 2));
    const env = { DOCKER_CONFIG: buildx!.engine.config! };
    const print = await docker(['buildx', 'bake', '-f', 'docker-bake.json', '--print', 'print'], {
      cwd: dir,
      env,
    });
    expect(print.stderr).not.toMatch(/ERROR/);
    const printed = JSON.parse(print.stdout).target.everything;
    // What bake resolved is what bake() was given: every attribute, its templates escaped.
    // (buildx 0.13 has no `description` attribute yet: it reads the file and leaves it out.)
    const { description, ...written } = file.target.everything!;
    expect(description).toBe('all $${attributes}');
    expect(printed).toEqual({
      ...JSON.parse(JSON.stringify(written).replaceAll('$${', '${').replaceAll('%%{', '%{')),
      dockerfile: 'Dockerfile',
    });

    const bakeRun = await docker(['buildx', 'bake', '-f', 'docker-bake.json', 'built'], {
      cwd: dir,
      env,
    });
    expect(bakeRun.code).toBe(0);
    const inspect = await docker([
      'image',
      'inspect',
      '-f',
      '{{.Id}} {{.Config.Labels.flavour}}',
      tag,
    ]);
    const direct = await build(built, {
      context: dir,
      buildArgs: { FLAVOUR: '${salty}' },
      engine: variants[0]!.client!.engine,
    });
    expect(inspect.stdout).toBe(`${direct.imageId} \${salty}\n`);
  });
});
