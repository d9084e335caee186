/**
 * bake() where buildx is missing (Docker 20.10 here): runBake builds each target of the bake
 * file through build(); the images must be the ones build() makes from the same target.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, removeImage, requireDockerEngine, uniqueName } from '@dockwright/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildError, bake, build, runBake } from '../src/index.js';
import { processesGone } from './processes.js';

const engine = requireDockerEngine();
const images: string[] = [];
afterAll(async () => {
  for (const image of images) await removeImage(image);
});

describe.skipIf(!engine)('runBake without buildx', () => {
  it('builds every target of the file, and the images match build() of the same targets', async () => {
    const client = { command: engine!.docker };
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
    const result = await runBake(JSON.parse(JSON.stringify(file)), { cwd: dir, engine: client });
    expect(result.engine).toBe('docker');
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
    const client = { command: engine!.docker };
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
    expect(started).not.toContain('later');
  });
});
