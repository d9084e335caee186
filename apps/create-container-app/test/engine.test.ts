/**
 * Acceptance in a real Docker engine (scripts/docker-sandbox.sh): every template is scaffolded
 * by the built CLI, built unchanged, run, probed, stopped, and rebuilt after a source edit; the
 * README's workflow runs against a real registry on loopback.
 * Without an engine these tests skip with a message; with CI=true they fail instead.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  docker,
  dockerBuild,
  dockerRun,
  freePort,
  removeContainer,
  removeImage,
  requireDockerEngine,
  uniqueName,
  waitForHttp,
} from '@dockwright/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildRetryingNetwork,
  expectBuilt,
  INSTALL_STEP,
  Phases,
  proveProject,
  runCliRetryingNetwork,
  stepsMatching,
} from './engine-checks.js';
import { assertBuilt, removeTempDirs, runCli, tempDir } from './run-cli.js';
import {
  fitPoetryProject,
  fitUvProject,
  WHEELHOUSE_REQUIREMENTS,
  wheelhouse,
} from './wheelhouse.mjs';

const engine = requireDockerEngine();
/**
 * Also build the naive layout (the source copied before the install) of the cases that have
 * one and rebuild it after the edit, as a figure beside this layout's rebuild. Off by default:
 * it reinstalls from the registry and can take minutes; the bench compares layouts.
 */
const naiveFigures = process.env.CCA_NAIVE_FIGURES === '1';

/** The sandbox's npm registry serves metadata without the signatures corepack checks, and Yarn
 * 2+ comes from the npm registry here (as scripts/docker-sandbox.sh sets for its images). */
const COREPACK_ENV = {
  COREPACK_INTEGRITY_KEYS: '0',
  COREPACK_NPM_REGISTRY: 'https://registry.npmjs.org',
};

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  readonly port: number;
  /** The file the source edit touches. */
  readonly source: string;
  /** Fits the project to the offline wheelhouse (Python); the Dockerfile stays as generated. */
  readonly prepare?: (dir: string) => Promise<void>;
  /** The naive Dockerfile (the source copied before the install) to compare rebuilds with. */
  readonly naive?: string;
  /** What /app holds in the image: only what runs. */
  readonly appFiles?: readonly string[];
}

const CASES: readonly Case[] = [
  {
    label: 'flask with pip',
    args: ['--template', 'flask', '--package-manager', 'pip'],
    port: 8000,
    source: 'app.py',
    prepare: async (dir) => writeFileSync(join(dir, 'requirements.txt'), WHEELHOUSE_REQUIREMENTS),
    naive: `ARG PYTHON_VERSION=3.12
FROM python:\${PYTHON_VERSION}-slim
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
ENV PORT=8000
CMD ["gunicorn", "app:app"]
`,
  },
  {
    label: 'flask with uv',
    args: ['--template', 'flask', '--package-manager', 'uv', '--no-install'],
    port: 8000,
    source: 'app.py',
    // The wheelhouse's versions, not the template's lower bounds (uv cannot lock here).
    prepare: async (dir) => fitUvProject(dir, await wheelhouse()),
  },
  {
    label: 'flask with poetry',
    args: ['--template', 'flask', '--package-manager', 'poetry', '--no-install'],
    port: 8000,
    source: 'app.py',
    prepare: async (dir) => {
      // The sandbox has Debian's Poetry 1.3.2: the project restated for it, poetry.lock written
      // as it would write it, and the Dockerfile made again by --existing, which pins the
      // Poetry that wrote the lock (as a user does after `poetry lock`).
      await fitPoetryProject(dir, await wheelhouse());
      const again = runCli([
        '--existing',
        dir,
        '--overwrite=Dockerfile,.dockerignore,compose.yaml,compose.watch.yaml',
        '--no-interactive',
      ]);
      expect(again.stderr).toBe('');
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('"poetry==1.3.2"');
    },
  },
  {
    label: 'node with npm',
    args: ['--template', 'node', '--package-manager', 'npm'],
    port: 3000,
    source: 'server.js',
    naive: `ARG NODE_VERSION=22
FROM node:\${NODE_VERSION}-slim
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
ENV NODE_ENV=production PORT=3000
CMD ["node", "server.js"]
`,
    appFiles: ['.dockerignore', 'node_modules', 'package-lock.json', 'package.json', 'server.js'],
  },
  {
    label: 'node with pnpm',
    args: ['--template', 'node', '--package-manager', 'pnpm'],
    port: 3000,
    source: 'server.js',
  },
  {
    label: 'node with yarn 1',
    args: ['--template', 'node', '--package-manager', 'yarn'],
    port: 3000,
    source: 'server.js',
  },
  {
    label: 'node with yarn 4',
    args: ['--template', 'node', '--package-manager', 'yarn@4'],
    port: 3000,
    source: 'server.js',
  },
  {
    // Two stages install at once with Yarn 1, which corrupts a cache filled twice at a time.
    label: 'node-ts with yarn 1',
    args: ['--template', 'node-ts', '--package-manager', 'yarn'],
    port: 3000,
    source: 'src/server.ts',
    appFiles: ['dist', 'node_modules', 'package.json'],
  },
  {
    label: 'node-ts with npm',
    args: ['--template', 'node-ts', '--package-manager', 'npm'],
    port: 3000,
    source: 'src/server.ts',
    appFiles: ['dist', 'node_modules', 'package.json'],
  },
];

const figures: string[] = [];
afterAll(() => {
  removeTempDirs();
  if (figures.length > 0)
    console.log(`\ncreate-container-app templates in the engine:\n${figures.join('\n')}`);
});

/**
 * Scaffolds `args` into a new temporary directory (once more if the registry stalled it);
 * returns the project directory. With `phases`, the scaffold and its lockfile step are timed.
 */
async function scaffold(
  args: readonly string[],
  phases?: Phases,
): Promise<{ dir: string; name: string }> {
  const cwd = tempDir('cca-engine-');
  const name = uniqueName('cca').replace(/^cca-/, 'app-');
  const run = () =>
    runCliRetryingNetwork([name, ...args, '--no-interactive'], {
      cwd,
      env: COREPACK_ENV,
      resetForRetry: () => rmSync(join(cwd, name), { recursive: true, force: true }),
    });
  const res = await (phases ? phases.run('scaffold', run) : run());
  if (phases && res.lockfileMs !== undefined) phases.add('its lockfile', res.lockfileMs);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return { dir: join(cwd, name), name };
}

describe.skipIf(!engine).concurrent('scaffolded projects in a real Docker engine', () => {
  beforeAll(assertBuilt);

  for (const testCase of CASES) {
    it(testCase.label, async () => {
      const phases = new Phases(testCase.label);
      const { dir, name } = await scaffold(testCase.args, phases);
      await testCase.prepare?.(dir);
      if (testCase.appFiles) {
        // Only what runs is in /app (checked on an image of its own, kept for the check).
        const image = `${name}-files:test`;
        try {
          expectBuilt(await phases.run('files build', () => buildRetryingNetwork(dir, image)));
          const ls = await docker(['run', '--rm', '--entrypoint', 'ls', image, '-A', '/app']);
          expect(ls.stdout.split('\n').filter(Boolean).sort()).toEqual(
            testCase.appFiles.filter((f) => f !== '.dockerignore'),
          );
        } finally {
          await removeImage(image);
        }
      }
      const proof = await proveProject({
        dir,
        image: `${name}:test`,
        port: testCase.port,
        source: testCase.source,
        body: `Hello from ${name}!`,
        phases,
      });
      let naiveNote = '';
      if (testCase.naive && naiveFigures) {
        // The naive layout reinstalls everything after a source edit; this one does not.
        const naiveImage = `${name}-naive:test`;
        try {
          expectBuilt(
            await buildRetryingNetwork(dir, naiveImage, { dockerfileText: testCase.naive }),
          );
          writeFileSync(
            join(dir, testCase.source),
            `${readFileSync(join(dir, testCase.source), 'utf8')}\n`,
          );
          const naive = await buildRetryingNetwork(dir, naiveImage, {
            dockerfileText: testCase.naive,
          });
          expectBuilt(naive);
          // The install re-ran there and not here (the times are figures only: several
          // projects build at once in this file).
          expect(stepsMatching(naive.output, INSTALL_STEP).some((s) => !s.cached)).toBe(true);
          naiveNote = ` vs ${naive.durationMs} ms with the source copied before the install`;
        } finally {
          await removeImage(naiveImage);
        }
      }
      figures.push(
        `  ${testCase.label.padEnd(19)} ${phases.summary()}; healthy ${(proof.healthyMs / 1000).toFixed(1)} s later, exits ${proof.exitMs} ms after docker stop${naiveNote}`,
      );
    });
  }
});

describe.skipIf(!engine)("the README's workflow, with a real registry on loopback", () => {
  let registry: ChildProcess | undefined;
  afterAll(() => {
    registry?.kill('SIGTERM');
  });

  it('build with a tag, run detached, logs, stop, tag, push, history: as the README says', async () => {
    const binary = ['/usr/bin/docker-registry', '/usr/sbin/docker-registry'].find((p) =>
      existsSync(p),
    );
    if (!binary) {
      throw new Error(
        'docker-registry is not installed (Debian: apt-get install docker-registry; scripts/docker-sandbox.sh install does it)',
      );
    }
    const port = await freePort();
    const storage = tempDir('cca-registry-');
    const config = join(storage, 'config.yml');
    writeFileSync(
      config,
      `version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: ${join(storage, 'data')} } }\nhttp: { addr: 127.0.0.1:${port} }\n`,
    );
    registry = spawn(binary, ['serve', config], { stdio: 'ignore' });
    await waitForHttp(`http://127.0.0.1:${port}/v2/`, 30_000);

    const { dir, name } = await scaffold(['--template', 'flask', '--package-manager', 'pip']);
    writeFileSync(join(dir, 'requirements.txt'), WHEELHOUSE_REQUIREMENTS);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const block = /## Build, run and ship the image\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // The registry is the one on loopback, and the published port a free one on loopback
    // (the README publishes 8000 on every interface, which may be taken here).
    const appPort = await freePort();
    const commands = (block ?? '')
      .trim()
      .split('\n')
      .map((line) =>
        line
          .replaceAll('registry.example.com/you', `127.0.0.1:${port}/cca`)
          .replace('-p 8000:8000', `-p 127.0.0.1:${appPort}:8000`),
      );
    expect(commands.map((c) => c.split(' ').slice(0, 2).join(' '))).toEqual([
      'docker build',
      'docker run',
      'docker logs',
      'docker stop',
      'docker tag',
      'docker push',
      'docker history',
    ]);
    const pushed = `127.0.0.1:${port}/cca/${name}:1.0`;
    try {
      for (const command of commands) {
        const args = command.split(' ').slice(1);
        const res =
          args[0] === 'build'
            ? await buildRetryingNetwork(dir, `${name}:1.0`)
            : await docker(args, { cwd: dir });
        expect(res.code, `${command}\n${res.stderr}`).toBe(0);
        if (args[0] === 'run') await waitForHttp(`http://127.0.0.1:${appPort}/healthz`, 30_000);
        if (args[0] === 'logs') expect(res.stdout + res.stderr).toContain('Booting worker');
        if (args[0] === 'history') expect(res.stdout).toMatch(/COPY .*\/app/);
      }
      // The registry holds the image under the digest Docker recorded for the push.
      const digest = (await docker(['inspect', '-f', '{{index .RepoDigests 0}}', pushed])).stdout
        .trim()
        .split('@')[1];
      const head = await fetch(`http://127.0.0.1:${port}/v2/cca/${name}/manifests/1.0`, {
        method: 'HEAD',
        headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
      });
      expect(head.status).toBe(200);
      expect(head.headers.get('docker-content-digest')).toBe(digest);
    } finally {
      await removeContainer(name);
      await removeImage(`${name}:1.0`);
      await removeImage(pushed);
    }
  });
});

describe.skipIf(!engine)('yarn 1 on a Node without corepack (25 and newer)', () => {
  it("runs the image's own yarn when it is the pinned release, else installs corepack from npm, even over yarn 1's links", async () => {
    // node:25-slim and newer ship no corepack, and node:25 still links yarn 1 into
    // /usr/local/bin (where npm will not put corepack's yarn shim without --force). The
    // stand-in: node:22-slim without corepack, yarn 1 moved to /opt as docker-node lays it out.
    // A Node 25 version no release has, so the tag cannot clash with a real image.
    const tag = `25.999.${Math.floor(Math.random() * 1000)}`;
    const baseImage = `node:${tag}-slim`;
    const base = await dockerBuild(tempDir('cca-nocorepack-base-'), baseImage, {
      dockerfileText: `FROM node:22-slim
RUN rm -rf /usr/local/bin/corepack /usr/local/lib/node_modules/corepack \\
 && mv /usr/local/lib/node_modules/yarn /opt/yarn-v1.22.22 \\
 && ln -sf /opt/yarn-v1.22.22/bin/yarn /usr/local/bin/yarn \\
 && ln -sf /opt/yarn-v1.22.22/bin/yarn /usr/local/bin/yarnpkg
`,
    });
    expectBuilt(base);
    const cwd = tempDir('cca-engine-');
    const name = 'app-nocorepack';
    const image = `${uniqueName('cca-nocorepack-app')}:test`;
    let container: string | undefined;
    try {
      const scaffolded = await runCliRetryingNetwork(
        [name, '--template', 'node', '--package-manager', 'yarn', '--node-version', tag],
        {
          cwd,
          env: COREPACK_ENV,
          resetForRetry: () => rmSync(join(cwd, name), { recursive: true, force: true }),
        },
      );
      expect(scaffolded.stderr).toBe('');
      expect(scaffolded.code).toBe(0);
      const dir = join(cwd, name);
      const check = await docker(['run', '--rm', baseImage, 'sh', '-c', 'command -v corepack']);
      expect(check.code).not.toBe(0); // the stand-in really lacks corepack
      const hasCorepack = async () =>
        (await docker(['run', '--rm', '--entrypoint', 'sh', image, '-c', 'command -v corepack']))
          .code === 0;

      // package.json pins yarn@1.22.22, the image's own: it runs, and no corepack is installed.
      expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).packageManager).toBe(
        'yarn@1.22.22',
      );
      // --no-cache: a layer cached by an earlier run would print no install.
      const own = await buildRetryingNetwork(dir, image, { noCache: true });
      expectBuilt(own);
      expect(own.output).toMatch(/yarn install v1\.22\.22/);
      expect(await hasCorepack()).toBe(false);

      // Another release pinned: corepack is installed over yarn 1's links and runs that one.
      const manifest = join(dir, 'package.json');
      writeFileSync(
        manifest,
        readFileSync(manifest, 'utf8').replace('"yarn@1.22.22"', '"yarn@1.22.21"'),
      );
      const build = await buildRetryingNetwork(dir, image, { noCache: true });
      expectBuilt(build);
      expect(build.output).toMatch(/yarn install v1\.22\.21/);
      expect(await hasCorepack()).toBe(true);

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
    // Two builds that install from the registry, each of which may meet a stalled connection
    // (cancelled after 120 s) twice before it builds.
  }, 900_000);
});
