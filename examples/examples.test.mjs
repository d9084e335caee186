// Every example generates exactly the files committed beside it, lint-clean; and, with a
// Docker engine, each image builds and answers over HTTP.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '@dockwright/lint';
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
  waitForHttp,
} from '@dockwright/testkit';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * @typedef {{ context: string, port: number, path?: string, expect: RegExp }} Image
 * @typedef {{ dir: string, script: string, outputs: string[], images: Image[], off?: string[] }} Example
 */

/** @type {Example[]} */
const examples = [
  {
    dir: 'flask-microservice',
    script: 'dockerfile.mjs',
    outputs: ['Dockerfile', '.dockerignore'],
    images: [{ context: '.', port: 8000, expect: /"message":\s*"Hello from Flask"/ }],
  },
  {
    dir: 'python-app',
    script: 'dockerfile.mjs',
    outputs: ['Dockerfile'],
    images: [{ context: '.', port: 80, expect: /^Hello from main\.py$/m }],
  },
  {
    dir: 'nginx-ubuntu',
    script: 'dockerfile.mjs',
    // nginx's master process runs as root and drops its workers to www-data.
    off: ['dockwright/root-final-stage'],
    outputs: ['Dockerfile'],
    images: [{ context: '.', port: 80, expect: /<h1>Hello from nginx on Ubuntu<\/h1>/ }],
  },
  {
    dir: 'multi-stage',
    script: 'dockerfile.mjs',
    outputs: ['Dockerfile', '.dockerignore'],
    images: [{ context: '.', port: 3000, path: '/?name=CI', expect: /^Hello, CI!$/m }],
  },
  {
    dir: 'many-services',
    script: 'generate.mjs',
    outputs: ['users', 'orders', 'gateway'].map((s) => `services/${s}/Dockerfile`),
    images: [
      { context: 'services/users', port: 8000, expect: /"service":\s*"users"/ },
      { context: 'services/orders', port: 8001, expect: /"service":\s*"orders"/ },
      { context: 'services/gateway', port: 3000, expect: /"service":\s*"gateway"/ },
    ],
  },
  {
    dir: 'edit-dockerfile',
    script: 'edit.mjs',
    outputs: ['Dockerfile'],
    images: [{ context: '.', port: 8080, expect: /^Hello from an edited Dockerfile$/m }],
  },
];

const work = mkdtempSync(join(tmpdir(), 'dockwright-examples-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Copies the example to a temporary folder and runs its script there (out-dir argument). */
function generate(/** @type {Example} */ example) {
  const dir = join(work, example.dir);
  cpSync(join(import.meta.dirname, example.dir), dir, { recursive: true });
  const res = spawnSync(
    process.execPath,
    [join(import.meta.dirname, example.dir, example.script), dir],
    {
      encoding: 'utf8',
    },
  );
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  return dir;
}

describe.each(examples)('examples/$dir', (example) => {
  it(`${example.script} writes the committed ${example.outputs.join(', ')}, lint-clean`, () => {
    const dir = generate(example);
    for (const file of example.outputs) {
      const generated = readFileSync(join(dir, file), 'utf8');
      const committed = readFileSync(join(import.meta.dirname, example.dir, file), 'utf8');
      expect(
        generated,
        `${file} is stale: run \`node examples/${example.dir}/${example.script}\``,
      ).toBe(committed);
      /** @type {Record<string, 'off'>} */
      const rules = Object.fromEntries((example.off ?? []).map((id) => [id, 'off']));
      if (file.endsWith('Dockerfile')) expect(lint(generated, { file, rules }), file).toEqual([]);
    }
  });
});

const engine = requireDockerEngine();
// Concurrent: nginx's build waits on Debian's mirror while the others build.
describe.skipIf(!engine).concurrent('examples in the Docker engine', () => {
  for (const example of examples) {
    for (const image of example.images) {
      const where = join(example.dir, image.context);
      it(`${where} builds, runs and answers on port ${image.port}`, async ({ expect }) => {
        const context = join(work, where);
        const tag = uniqueName('dw-example');
        const container = uniqueName('dw-example');
        try {
          // A package fetch that stalls or fails on the network is built again (testkit says why).
          expectBuilt(await buildRetryingNetwork(context, tag));
          const port = await freePort();
          const run = await dockerRun(tag, { name: container, ports: { [image.port]: port } });
          expect(run.code, run.stderr).toBe(0);
          const answer = await waitForHttp(`http://127.0.0.1:${port}${image.path ?? '/'}`).catch(
            async (error) => {
              throw new Error(`${error.message}\n${await containerLogs(container)}`);
            },
          );
          expect(answer.status).toBe(200);
          expect(answer.body).toMatch(image.expect);
        } finally {
          await removeContainer(container);
          await removeImage(tag);
        }
      });
    }
  }
});
