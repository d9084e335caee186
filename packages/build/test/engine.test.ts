/**
 * build() against real engines: the shared test engine (scripts/docker-sandbox.sh), and a second
 * dockerd this file starts on tcp://127.0.0.1:PORT, as a remote engine. What reached the engine
 * is read back from the images (`docker image inspect`, `docker run`). Every test runs through
 * both clients: the engine's built-in BuildKit and `docker buildx build` (./clients.ts).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerfile } from '@dockwright/sdk';
import { docker, removeImage, requireDockerEngine, uniqueName } from '@dockwright/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildError, type BuildEvent, build } from '../src/index.js';
import { testVariants } from './clients.js';
import { processesGone, processesWith } from './processes.js';
import { type SecondEngine, secondEngineUnavailable, startSecondEngine } from './second-engine.js';

const engine = requireDockerEngine();
const variants = testVariants(engine);
const images: string[] = [];
const tag = () => {
  const t = `${uniqueName('build-test')}:1`;
  images.push(t);
  return t;
};

afterAll(async () => {
  for (const image of images) await removeImage(image);
});

function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockwright-build-ctx-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function inspect(image: string, host?: string) {
  const r = await docker(['image', 'inspect', image], host ? { env: { DOCKER_HOST: host } } : {});
  if (r.code !== 0) return null;
  return (
    JSON.parse(r.stdout) as Array<{ Id: string; Config: { Labels: Record<string, string> | null } }>
  )[0]!;
}

for (const { kind, client: variant } of variants) {
  const client = variant?.engine ?? {};
  describe.skipIf(!variant)(`build() on the local engine through ${kind}`, () => {
    it('sends a builder with its target and build args, and reads back what the engine made', async () => {
      const base = dockerfile()
        .from('debian:12-slim', { as: 'base' })
        .arg('GREETING', 'hello')
        .run('echo "$GREETING" > /greeting');
      const app = base
        .from(base.stage, { as: 'runtime' })
        .label('dockwright.test', 'runtime')
        .cmd(['cat', '/greeting'])
        .from(base.stage, { as: 'other' })
        .label('dockwright.test', 'other');
      const image = tag();
      const events: BuildEvent[] = [];
      const result = await build(app, {
        tags: [image],
        target: 'runtime',
        buildArgs: { GREETING: `bonjour ${image}` },
        labels: { 'dockwright.extra': 'yes' },
        engine: client,
        onProgress: (e) => events.push(e),
      });
      const seen = await inspect(image);
      expect(result.imageId).toBe(seen!.Id);
      expect(seen!.Config.Labels).toMatchObject({
        'dockwright.test': 'runtime',
        'dockwright.extra': 'yes',
      });
      const run = await docker(['run', '--rm', image]);
      expect(run.stdout).toBe(`bonjour ${image}\n`);
      const runStep = result.steps.find((s) => s.source?.keyword === 'RUN')!;
      expect(runStep).toMatchObject({
        status: 'done',
        cached: false,
        source: { line: 3, stageName: 'base' },
      });
      expect(runStep.durationMs).toBeGreaterThanOrEqual(0);
      expect(events.some((e) => e.type === 'step-started' && e.step.id === runStep.id)).toBe(true);
      expect(events.some((e) => e.type === 'step-finished' && e.step.id === runStep.id)).toBe(true);
      expect(result.engine).toBe(kind);
    });

    it('reports cached steps correctly after a source edit', async () => {
      const token = uniqueName('cache');
      // Unique contents: COPY's cache key is the content, so another run's build must not match.
      const dir = context({
        'dep.txt': `dependencies ${token}\n`,
        'src.txt': `version 1 ${token}\n`,
      });
      const text = [
        'FROM debian:12-slim',
        'COPY dep.txt /app/dep.txt',
        `RUN cat /app/dep.txt > /app/built-dep && echo ${token}`,
        'COPY src.txt /app/src.txt',
        'RUN cat /app/src.txt > /app/built-src',
        '',
      ].join('\n');
      const cachedLines = async () => {
        const r = await build(text, { context: dir, engine: client });
        // FROM of a local image reads CACHED or DONE as the engine's cache state has it: not
        // asserted. In line order: the engine shows cached steps in no fixed order.
        return r.steps
          .filter((s) => s.source && s.source.keyword !== 'FROM')
          .map((s) => [s.source!.line, s.cached])
          .sort((a, b) => Number(a[0]) - Number(b[0]));
      };
      expect(await cachedLines()).toEqual([
        [2, false],
        [3, false],
        [4, false],
        [5, false],
      ]);
      expect(await cachedLines()).toEqual([
        [2, true],
        [3, true],
        [4, true],
        [5, true],
      ]);
      writeFileSync(join(dir, 'src.txt'), `version 2 ${token}\n`);
      expect(await cachedLines()).toEqual([
        [2, true],
        [3, true],
        [4, false],
        [5, false],
      ]);
    });

    it('throws a BuildError at the failing RUN, with its lines, output and the engine message', async () => {
      const text = `FROM debian:12-slim\n# a comment\n\nRUN echo "about to fail ${uniqueName('f')}" \\\n    && exit 7\nRUN echo never\n`;
      const error = await build(text, { engine: client, file: 'app.Dockerfile' }).catch((e) => e);
      expect(error).toBeInstanceOf(BuildError);
      expect(error.location).toMatchObject({
        file: 'app.Dockerfile',
        line: 4,
        column: 1,
        endLine: 5,
      });
      expect(error.location.frame).toContain('4 | > RUN echo "about to fail');
      expect(error.location.frame).toContain('5 | >     && exit 7');
      expect(error.engineMessage).toMatch(/exit code: 7/);
      expect(error.output[0]).toMatch(/^about to fail/);
      expect(error.message.startsWith('app.Dockerfile:4:1: RUN failed: ')).toBe(true);
    });

    it('maps a Dockerfile the frontend refuses to its line', async () => {
      const error = await build('FROM debian:12-slim\nRUN true\nFOO bar\n', {
        engine: client,
      }).catch((e) => e);
      expect(error).toBeInstanceOf(BuildError);
      expect(error.location).toMatchObject({ line: 3 });
      expect(error.engineMessage).toMatch(/unknown instruction: FOO/i);
    });

    it('maps an image that cannot be pulled to the instruction that names it', async () => {
      // No registry answers for this name (nothing leaves this machine): the pull fails.
      const missing = `${uniqueName('build-test-missing')}:1`;
      const from = await build(
        `FROM debian:12-slim AS a\nRUN true\n\nFROM ${missing} AS b\nRUN true\n`,
        { engine: client },
      ).catch((e) => e);
      expect(from).toBeInstanceOf(BuildError);
      expect(from.location).toMatchObject({ line: 4, column: 1, endLine: 4 });
      expect(from.location.frame).toContain(`4 | > FROM ${missing} AS b`);
      const copy = await build(`FROM debian:12-slim\nCOPY --from=${missing} /a /b\n`, {
        engine: client,
      }).catch((e) => e);
      expect(copy).toBeInstanceOf(BuildError);
      expect(copy.location).toMatchObject({ line: 2, column: 1 });
    });

    it('hands secrets (value, file, variable) and an SSH key to RUN mounts', async () => {
      const token = uniqueName('secret');
      const dir = context({ 'secret, "quoted".txt': `from a file ${token}\n` });
      // An SSH key for the client's agent (the client refuses a file that holds no key).
      const { privateKey } = generateKeyPairSync('ed25519', {
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      });
      writeFileSync(join(dir, 'id_test'), privateKey, { mode: 0o600 });
      const image = tag();
      await build(
        [
          'FROM debian:12-slim',
          'RUN --mount=type=secret,id=v --mount=type=secret,id=f --mount=type=secret,id=e \\',
          '    --mount=type=ssh,id=key \\',
          '    cat /run/secrets/v /run/secrets/f /run/secrets/e > /seen \\',
          '    && test -S "$SSH_AUTH_SOCK" && echo agent >> /seen',
          '',
        ].join('\n'),
        {
          context: dir,
          cwd: dir,
          tags: [image],
          noCache: true,
          secrets: [
            { id: 'v', value: `by value ${token}\n` },
            { id: 'f', src: 'secret, "quoted".txt' },
            { id: 'e', env: 'DOCKWRIGHT_TEST_SECRET' },
          ],
          ssh: [{ id: 'key', paths: ['id_test'] }],
          cacheTo: [{ type: 'inline' }],
          engine: { ...client, env: { DOCKWRIGHT_TEST_SECRET: `from a variable ${token}\n` } },
        },
      );
      const run = await docker(['run', '--rm', image, 'cat', '/seen']);
      expect(run.stdout).toBe(
        `by value ${token}\nfrom a file ${token}\nfrom a variable ${token}\nagent\n`,
      );
    });

    it('stops the build in the engine when aborted', async () => {
      const needle = `sleep 321.${Date.now() % 100000}`;
      const controller = new AbortController();
      const started = Date.now();
      const result = build(`FROM debian:12-slim\nRUN echo started && ${needle}\n`, {
        engine: client,
        noCache: true,
        signal: controller.signal,
      }).catch((e) => e);
      // Abort once the step runs in the engine.
      for (let i = 0; i < 240 && processesWith(needle).length === 0; i++) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(processesWith(needle).length).toBeGreaterThan(0);
      controller.abort();
      const error = await result;
      expect(error).toMatchObject({ name: 'AbortError' });
      // The step was running in the engine, and is gone soon after the abort.
      expect(await processesGone(needle, 15_000)).toEqual([]);
      expect(Date.now() - started).toBeLessThan(60_000);
    });
  });
}

const secondWhy = engine ? secondEngineUnavailable() : null;
if (secondWhy) {
  // CI runs as root with dockerd installed: a second engine that cannot start there is a failure.
  if (process.env.CI === 'true')
    throw new Error(`cannot start a second Docker engine: ${secondWhy}`);
  console.warn(
    `second Docker engine not available (${secondWhy}): skipping the remote-engine test`,
  );
}

describe.skipIf(!engine || secondWhy !== null)('build() on a second engine over TCP', () => {
  let second: SecondEngine;
  beforeAll(async () => {
    second = await startSecondEngine(engine!.docker, ['debian:12-slim']);
  });
  afterAll(async () => {
    await second?.stop();
  });

  for (const { kind, client: variant } of variants) {
    const client = variant?.engine ?? {};
    it.skipIf(!variant)(
      `builds through ${kind} on the engine DOCKER_HOST names, not the local one`,
      async () => {
        const image = tag();
        const text = `FROM debian:12-slim\nRUN echo remote > /where\nLABEL dockwright.where=remote\n`;
        const first = await build(text, {
          tags: [image],
          engine: { ...client, host: second.host },
        });
        const remote = await inspect(image, second.host);
        expect(remote?.Id).toBe(first.imageId);
        expect(remote?.Config.Labels).toMatchObject({ 'dockwright.where': 'remote' });
        expect(await inspect(image)).toBeNull();
        const run = await docker(['run', '--rm', image, 'cat', '/where'], {
          env: { DOCKER_HOST: second.host },
        });
        expect(run.stdout).toBe('remote\n');
        // The second build of the same Dockerfile is served from that engine's cache.
        const again = await build(text, {
          tags: [image],
          engine: { ...client, host: second.host },
        });
        expect(again.imageId).toBe(first.imageId);
        const run2 = again.steps.find((s) => s.source?.keyword === 'RUN');
        expect(run2).toMatchObject({ status: 'cached', cached: true, source: { line: 2 } });
        expect(again.engine).toBe(kind);
      },
    );
  }
});
