/**
 * `--existing` on real public sample projects (test/fixtures/samples, each with a SOURCE.md
 * naming its origin and licence), proven in a real Docker engine: the generated files build
 * unchanged, the app answers on its port, runs as non-root, becomes healthy, stops in under
 * 3 s, a source edit re-runs no dependency install, and no file of the project changed.
 * Without an engine these tests skip with a message; with CI=true they fail instead.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireDockerEngine, uniqueName } from '@dockwright/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Phases, proveProject, runCliRetryingNetwork } from './engine-checks.js';
import { assertBuilt, removeTempDirs, tempDir } from './run-cli.js';
import { copySample } from './samples.js';
import { poetryContentHash, poetryLock, uvLock, wheelhouse } from './wheelhouse.mjs';

const engine = requireDockerEngine();

/** Every file under `dir` with its content: "unchanged" means equal. */
function snapshot(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) {
      for (const [k, v] of snapshot(dir, rel)) out.set(k, v);
    } else {
      out.set(rel, readFileSync(join(dir, rel), 'latin1'));
    }
  }
  return out;
}

interface Sample {
  readonly name: string;
  readonly port: number;
  readonly source: string;
  readonly body?: RegExp;
  /** Files the run adds beside the container files (a lockfile it makes). */
  readonly adds: readonly string[];
  /** Makes what the sandbox cannot (a lockfile for the offline wheelhouse). */
  readonly prepare?: (dir: string) => Promise<void>;
}

const SAMPLES_TO_PROVE: readonly Sample[] = [
  { name: 'flask-hello-world', port: 8000, source: 'app.py', body: /Hello, World!/, adds: [] },
  {
    name: 'flask-procfile-gunicorn-conf',
    port: 5000,
    source: 'app.py',
    body: /Hello, World!/,
    adds: [],
  },
  {
    name: 'js-example-uv',
    port: 8000,
    source: 'js_example/views.py',
    body: /JavaScript Example/,
    adds: [],
    prepare: async (dir) => {
      writeFileSync(
        join(dir, 'uv.lock'),
        uvLock(
          { name: 'js_example', version: '1.1.0', dependencies: ['flask'] },
          await wheelhouse(),
        ),
      );
    },
  },
  {
    name: 'js-example-poetry',
    port: 8000,
    source: 'js_example/views.py',
    body: /JavaScript Example/,
    adds: [],
    prepare: async (dir) => {
      writeFileSync(
        join(dir, 'poetry.lock'),
        poetryLock(['flask', 'gunicorn'], await wheelhouse(), await poetryContentHash(dir)),
      );
    },
  },
  {
    name: 'express-hello-world',
    port: 3001,
    source: 'app.js',
    body: /Hello from Render!/,
    adds: [],
  },
  {
    name: 'node-js-getting-started',
    port: 5006,
    source: 'index.js',
    body: /Getting Started on Heroku with Node.js/,
    adds: ['package-lock.json'],
  },
  {
    name: 'express-ts',
    port: 8080,
    source: 'src/index.ts',
    body: /Hello from Express and TypeScript!/,
    adds: ['pnpm-lock.yaml'],
  },
  {
    name: 'express-yarn-pnp',
    port: 3001,
    source: 'app.js',
    body: /Hello from Render!/,
    adds: ['yarn.lock'],
  },
];

const CONTAINER_FILES = [
  '.dockerignore',
  'Dockerfile',
  'README.Docker.md',
  'compose.watch.yaml',
  'compose.yaml',
];
const figures: string[] = [];

afterAll(() => {
  removeTempDirs();
  if (figures.length > 0) console.log(`\n--existing on sample projects:\n${figures.join('\n')}`);
});

describe
  .skipIf(!engine)
  .concurrent('--existing on public sample projects, in a real Docker engine', () => {
    beforeAll(assertBuilt);

    for (const sample of SAMPLES_TO_PROVE) {
      it(sample.name, async () => {
        const dir = join(tempDir('cca-sample-'), sample.name);
        copySample(sample.name, dir);
        await sample.prepare?.(dir);
        const before = snapshot(dir);

        // The sandbox's npm registry serves metadata without the signatures corepack checks,
        // and Yarn 2+ comes from the npm registry here (see scripts/docker-sandbox.sh).
        const phases = new Phases(sample.name);
        const res = await phases.run('--existing', () =>
          runCliRetryingNetwork(['--existing', dir, '--no-interactive'], {
            env: {
              COREPACK_INTEGRITY_KEYS: '0',
              COREPACK_NPM_REGISTRY: 'https://registry.npmjs.org',
            },
          }),
        );
        if (res.lockfileMs !== undefined) phases.add('its lockfile', res.lockfileMs);
        expect(res.stderr).toBe('');
        expect(res.code).toBe(0);

        // No file of the project changed; only the container files (and a lockfile) are new.
        const after = snapshot(dir);
        for (const [file, content] of before) expect(after.get(file), file).toBe(content);
        const added = [...after.keys()].filter((f) => !before.has(f)).sort();
        expect(added).toEqual([...CONTAINER_FILES, ...sample.adds].sort());

        const proof = await proveProject({
          dir,
          image: `${uniqueName('cca-sample')}:test`,
          port: sample.port,
          source: sample.source,
          ...(sample.body ? { body: sample.body } : {}),
          phases,
        });
        figures.push(
          `  ${sample.name.padEnd(30)} ${phases.summary()}; healthy ${(proof.healthyMs / 1000).toFixed(1)} s later, exits ${proof.exitMs} ms after docker stop (${proof.stopMs} ms in all)`,
        );
      });
    }
  });
