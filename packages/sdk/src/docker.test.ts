import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildRetryingNetwork,
  containerLogs,
  dockerRun,
  expectBuilt,
  freePort,
  removeContainer,
  removeImage,
  requireDockerEngine,
  uniqueName,
  waitForHealthy,
  waitForHttp,
} from '@dockwright/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { emit } from '../test/check.js';
import { dockerfile, dockerignore } from './index.js';

// Skips with a message when no engine answers; throws (fails) when CI=true.
const engine = requireDockerEngine();

/** The multi-stage Dockerfile under test: cache and bind mounts, COPY --from, non-root, healthcheck. */
export function multiStage() {
  const build = dockerfile()
    .comment('Built by @dockwright/sdk in its engine test.')
    .arg('NODE_VERSION', '22')
    .from('node:${NODE_VERSION}-slim', { as: 'build' })
    .workdir('/app')
    .run('node /src/build.js /src /cache /app/dist', {
      mounts: [
        { type: 'bind', source: '.', target: '/src' },
        { type: 'cache', target: '/cache', id: 'sdk-test-cache' },
      ],
    });
  return build
    .from('node:22-slim', { as: 'runtime' })
    .env('GREETING', 'hello "world" costs $5 C:\\x')
    .workdir('/app')
    .copy('/app/dist', './dist/', { from: build.stage, chown: 'node:node' })
    .user('node')
    .expose(3000)
    .healthcheck(
      [
        'node',
        '-e',
        "fetch('http://127.0.0.1:3000/').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
      ],
      { interval: '1s', timeout: '3s', retries: 5 },
    )
    .cmd(['node', 'dist/server.js']);
}

describe.skipIf(!engine)('a multi-stage Dockerfile written with the SDK in the real engine', () => {
  const tag = `${uniqueName('dw-sdk')}:test`;
  const containers: string[] = [];
  const context = mkdtempSync(join(tmpdir(), 'dw-sdk-'));
  afterAll(async () => {
    for (const c of containers) await removeContainer(c);
    await removeImage(tag);
    rmSync(context, { recursive: true, force: true });
  });

  it('builds without a syntax line, runs as a non-root user and turns healthy', async () => {
    const text = emit(multiStage());
    // Only features of Docker 20.10's built-in frontend: no syntax directive to pull.
    expect(text.startsWith('# syntax')).toBe(false);
    cpSync(join(import.meta.dirname, '../test/fixtures/multi-stage'), context, { recursive: true });
    writeFileSync(join(context, 'Dockerfile'), text);
    writeFileSync(join(context, '.dockerignore'), dockerignore().add('Dockerfile').toString());

    expectBuilt(await buildRetryingNetwork(context, tag));

    const port = await freePort();
    const run = await dockerRun(tag, { ports: { 3000: port } });
    containers.push(run.container);
    expect(run.code, run.stderr).toBe(0);
    const answer = await waitForHttp(`http://127.0.0.1:${port}/`);
    const body = JSON.parse(answer.body) as { uid: number; stamp: string; greeting: string };
    expect(body.uid).not.toBe(0);
    expect(body.stamp).toBe('built by the sdk');
    // ENV kept the quotes, the literal `$5` and the backslash survived BuildKit's expansion.
    expect(body.greeting).toBe('hello "world" costs $5 C:\\x');
    await waitForHealthy(run.container).catch(async (error) => {
      throw new Error(`${error}\n${await containerLogs(run.container)}`);
    });
  }, 300_000);
});
