/**
 * Acceptance in a real Docker engine (scripts/docker-sandbox.sh): every template is scaffolded
 * by the built CLI, built unchanged, run, probed, stopped, and rebuilt after a source edit.
 * Without an engine these tests skip with a message; with CI=true they fail instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recipes } from '@dockwright/sdk';
import {
  type DockerBuildResult,
  docker,
  dockerBuild,
  dockerRun,
  freePort,
  removeContainer,
  removeImage,
  requireDockerEngine,
  uniqueName,
  waitForHealthy,
  waitForHttp,
} from '@dockwright/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, removeTempDirs, runCli, tempDir } from './run-cli.js';

const engine = requireDockerEngine();

/**
 * The wheels the sandbox's offline Python stand-in carries (PyPI is unreachable there): the
 * test pins these instead of the generated versions and drops packages the wheelhouse lacks
 * (blinker, packaging: needed only by the newer Flask and gunicorn). The Dockerfile is not
 * touched.
 */
const WHEELHOUSE = `click==8.1.3
Flask==2.2.2
gunicorn==20.1.0
itsdangerous==2.1.2
Jinja2==3.1.2
MarkupSafe==2.1.2
Werkzeug==2.2.2
`;

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  readonly port: number;
  /** The source file the rebuild test edits, and the greeting it holds. */
  readonly source: string;
  /** Text of the dependency-install step in BuildKit's progress output. */
  readonly installStep: RegExp;
  /** The same install, but after `COPY . .`: the naive Dockerfile to compare against. */
  readonly naive: string;
}

const PIP =
  'RUN --mount=type=cache,target=/root/.cache/pip /opt/venv/bin/pip install -r requirements.txt';
const CASES: readonly Case[] = [
  {
    label: 'flask',
    args: ['--template', 'flask'],
    port: 8000,
    source: 'app.py',
    installStep: /RUN .*pip install/,
    naive: `ARG PYTHON_VERSION=3.12
FROM python:\${PYTHON_VERSION}-slim
WORKDIR /app
COPY . .
RUN python -m venv /opt/venv
${PIP}
ENV PORT=8000
CMD ["/opt/venv/bin/gunicorn", "app:app"]
`,
  },
  ...(
    [
      ['npm', 'npm ci --omit=dev', '--mount=type=cache,target=/root/.npm'],
      [
        'pnpm',
        'corepack pnpm install --prod --frozen-lockfile',
        '--mount=type=cache,target=/root/.local/share/pnpm/store',
      ],
      [
        'yarn',
        'corepack yarn install --frozen-lockfile --production',
        '--mount=type=cache,target=/usr/local/share/.cache/yarn',
      ],
    ] as const
  ).map(
    ([pm, install, cache]): Case => ({
      label: `node with ${pm}`,
      args: ['--template', 'node', '--package-manager', pm],
      port: 3000,
      source: 'server.js',
      installStep: new RegExp(`RUN .*${install.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      naive: `ARG NODE_VERSION=22
FROM node:\${NODE_VERSION}-slim
WORKDIR /app
COPY . .
RUN ${cache} --mount=type=cache,target=/root/.cache/node/corepack ${install}
ENV NODE_ENV=production PORT=3000
CMD ["node", "server.js"]
`,
    }),
  ),
];

/** BuildKit step ids (`#12`) whose header line matches `pattern`, and whether each was CACHED. */
function stepsMatching(output: string, pattern: RegExp): { id: string; cached: boolean }[] {
  const steps: { id: string; cached: boolean }[] = [];
  for (const line of output.split('\n')) {
    const m = /^(#\d+) \[[^\]]+\] (.*)$/.exec(line);
    if (m?.[1] && m[2] && pattern.test(m[2]) && !steps.some((s) => s.id === m[1])) {
      const id = m[1];
      steps.push({ id, cached: output.split('\n').some((l) => l.trim() === `${id} CACHED`) });
    }
  }
  return steps;
}

function expectBuilt(result: DockerBuildResult): void {
  if (!result.ok)
    throw new Error(`docker build failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
}

const figures: string[] = [];
afterAll(() => {
  removeTempDirs();
  if (figures.length > 0)
    console.log(`\ncreate-container-app engine figures:\n${figures.join('\n')}`);
});

describe.skipIf(!engine)('scaffolded projects in a real Docker engine', () => {
  beforeAll(assertBuilt);

  for (const testCase of CASES) {
    it(testCase.label, async () => {
      const cwd = tempDir('cca-engine-');
      const name = uniqueName('cca').replace(/^cca-/, 'app-');
      // The sandbox's npm registry proxy serves metadata without the signatures corepack
      // verifies (see scripts/docker-sandbox.sh, which sets the same for the stand-in images).
      const scaffold = runCli([name, ...testCase.args, '--no-interactive'], {
        cwd,
        env: { COREPACK_INTEGRITY_KEYS: '0' },
        timeoutMs: 300_000,
      });
      expect(scaffold.stderr).toBe('');
      expect(scaffold.code).toBe(0);
      const dir = join(cwd, name);
      const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
      if (testCase.label === 'flask') writeFileSync(join(dir, 'requirements.txt'), WHEELHOUSE);

      const image = `${name}:test`;
      const naiveImage = `${name}-naive:test`;
      let container: string | undefined;
      try {
        // Build the project exactly as generated.
        const first = await dockerBuild(dir, image);
        expectBuilt(first);
        expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(dockerfile);

        // Run it, probe it, wait for the HEALTHCHECK (its own timings; no override).
        const hostPort = await freePort();
        const run = await dockerRun(image, { ports: { [testCase.port]: hostPort } });
        expect(run.code, run.stderr).toBe(0);
        container = run.container;
        const root = await waitForHttp(`http://127.0.0.1:${hostPort}/`);
        expect(root.status).toBe(200);
        expect(root.body).toContain(`Hello from ${name}!`);
        const health = await waitForHttp(`http://127.0.0.1:${hostPort}/healthz`);
        expect(health.status).toBe(200);
        const healthyStart = Date.now();
        await waitForHealthy(container, 60_000);
        const healthyMs = Date.now() - healthyStart;

        // Not root: the process's UID inside the container.
        const uid = await docker(['exec', container, 'id', '-u']);
        expect(uid.code).toBe(0);
        expect(Number(uid.stdout.trim())).toBeGreaterThan(0);

        // SIGTERM reaches the server (PID 1, exec form) and it exits well inside Docker's 10 s.
        const stopStart = Date.now();
        const stop = await docker(['stop', container]);
        const stopMs = Date.now() - stopStart;
        expect(stop.code).toBe(0);
        expect(stopMs).toBeLessThan(3000);

        // The naive Dockerfile, built once so both rebuilds below start warm.
        const naiveText = testCase.naive;
        expectBuilt(await dockerBuild(dir, naiveImage, { dockerfileText: naiveText }));

        // Edit one source file, rebuild both.
        const sourcePath = join(dir, testCase.source);
        writeFileSync(
          sourcePath,
          readFileSync(sourcePath, 'utf8').replace(`Hello from ${name}!`, `Hi again from ${name}!`),
        );
        const rebuild = await dockerBuild(dir, image);
        expectBuilt(rebuild);
        const installs = stepsMatching(rebuild.output, testCase.installStep);
        expect(installs.length, rebuild.output).toBeGreaterThan(0);
        expect(
          installs.every((s) => s.cached),
          rebuild.output,
        ).toBe(true);

        const naiveRebuild = await dockerBuild(dir, naiveImage, { dockerfileText: naiveText });
        expectBuilt(naiveRebuild);
        const naiveInstalls = stepsMatching(naiveRebuild.output, testCase.installStep);
        expect(
          naiveInstalls.some((s) => !s.cached),
          naiveRebuild.output,
        ).toBe(true);
        expect(rebuild.durationMs).toBeLessThan(naiveRebuild.durationMs / 3);

        figures.push(
          `  ${testCase.label.padEnd(14)} first build ${(first.durationMs / 1000).toFixed(1)} s, healthy after ${(healthyMs / 1000).toFixed(1)} s more, docker stop ${stopMs} ms, rebuild after edit ${rebuild.durationMs} ms vs ${naiveRebuild.durationMs} ms with COPY . . before install (${(naiveRebuild.durationMs / rebuild.durationMs).toFixed(1)}x)`,
        );
      } finally {
        if (container) await removeContainer(container);
        await removeImage(image);
        await removeImage(naiveImage);
      }
    });
  }
});

describe.skipIf(!engine)('pnpm and yarn on a Node without corepack (25 and newer)', () => {
  it("the Dockerfile installs corepack from npm, even over yarn 1's links", async () => {
    // node:25-slim and newer ship no corepack, and node:25 still links yarn 1 into
    // /usr/local/bin (where npm will not put corepack's yarn shim without --force). The
    // stand-in: node:22-slim without corepack, yarn 1 moved to /opt as docker-node lays it out.
    // A Node 25 version no release has, so the tag cannot clash with a real image.
    const tag = `25.999.${Math.floor(Math.random() * 1000)}`;
    const baseImage = `node:${tag}-slim`;
    const base = await dockerBuild(tempDir('cca-nocorepack-base-'), baseImage, {
      dockerfileText: `FROM node:22-slim
RUN rm -rf /usr/local/bin/corepack /usr/local/lib/node_modules/corepack \\
 && mv /usr/local/lib/node_modules/yarn /opt/yarn-v1 \\
 && ln -sf /opt/yarn-v1/bin/yarn /usr/local/bin/yarn \\
 && ln -sf /opt/yarn-v1/bin/yarn /usr/local/bin/yarnpkg
`,
    });
    expectBuilt(base);
    const cwd = tempDir('cca-engine-');
    const name = 'app-nocorepack';
    const image = `${uniqueName('cca-nocorepack-app')}:test`;
    let container: string | undefined;
    try {
      const scaffold = runCli(
        [name, '--template', 'node', '--package-manager', 'yarn', '--node-version', tag],
        { cwd, env: { COREPACK_INTEGRITY_KEYS: '0' }, timeoutMs: 300_000 },
      );
      expect(scaffold.stderr).toBe('');
      expect(scaffold.code).toBe(0);
      const dir = join(cwd, name);
      const check = await docker(['run', '--rm', baseImage, 'sh', '-c', 'command -v corepack']);
      expect(check.code).not.toBe(0); // the stand-in really lacks corepack
      const build = await dockerBuild(dir, image);
      expectBuilt(build);
      expect(build.output).toMatch(/npm install -g --force corepack@/);
      const hostPort = await freePort();
      const run = await dockerRun(image, { ports: { 3000: hostPort } });
      expect(run.code, run.stderr).toBe(0);
      container = run.container;
      const root = await waitForHttp(`http://127.0.0.1:${hostPort}/`);
      expect(root.body).toContain(`Hello from ${name}!`);
    } finally {
      if (container) await removeContainer(container);
      await removeImage(image);
      await removeImage(baseImage);
    }
  });
});

describe.skipIf(!engine)('recipes.node with a build script, in a real Docker engine', () => {
  it('builds in the build stage and ships only the output', async () => {
    // A project whose build script writes dist/server.js from src/server.js.
    const dir = tempDir('cca-build-');
    const pkg = {
      name: 'with-build',
      version: '1.0.0',
      private: true,
      type: 'module',
      scripts: { build: 'node build.mjs', start: 'node dist/server.js' },
      dependencies: { express: '^5.1.0' },
    };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src', 'server.js'),
      `import express from 'express';
const app = express();
app.get('/', (_q, r) => r.send('built\\n'));
app.get('/healthz', (_q, r) => r.json({ status: 'ok' }));
const server = app.listen(Number(process.env.PORT), '0.0.0.0');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
`,
    );
    writeFileSync(
      join(dir, 'build.mjs'),
      "import { cpSync } from 'node:fs';\ncpSync('src', 'dist', { recursive: true });\n",
    );
    const lock = spawnSync(
      'npm',
      ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(lock.status, lock.stderr).toBe(0);
    writeFileSync(join(dir, 'Dockerfile'), recipes.node({ hasBuildScript: true }).toString());
    writeFileSync(join(dir, '.dockerignore'), recipes.nodeDockerignore().toString());

    const image = `${uniqueName('cca-build')}:test`;
    let container: string | undefined;
    try {
      const build = await dockerBuild(dir, image);
      expectBuilt(build);
      expect(build.output).toMatch(/\[build \d+\/\d+\] RUN npm run build/);
      const hostPort = await freePort();
      const run = await dockerRun(image, { ports: { 3000: hostPort } });
      expect(run.code, run.stderr).toBe(0);
      container = run.container;
      const root = await waitForHttp(`http://127.0.0.1:${hostPort}/`);
      expect(root.body).toBe('built\n');
      await waitForHealthy(container, 60_000);
      // Only what runs: node_modules, package.json and dist; no src, no build script.
      const ls = await docker(['exec', container, 'ls', '-A', '/app']);
      expect(ls.stdout.split('\n').filter(Boolean).sort()).toEqual([
        'dist',
        'node_modules',
        'package.json',
      ]);
    } finally {
      if (container) await removeContainer(container);
      await removeImage(image);
    }
  });
});
