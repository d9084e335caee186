import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { type InstructionNode, parse as parseDockerfile, viewHealthcheck } from '@dockwright/ast';
import { lint } from '@dockwright/lint';
import { freePort } from '@dockwright/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FLASK_FILES, NODE_FILES } from './project-files.js';
import { assertBuilt, BIN, removeTempDirs, runCli, startCli, tempDir } from './run-cli.js';

beforeAll(assertBuilt);
afterAll(removeTempDirs);

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** The HEALTHCHECK of a Dockerfile, read through the parser (the SDK may wrap its flags). */
function healthcheckOf(dockerfile: string) {
  const nodes = parseDockerfile(dockerfile).children.filter(
    (n): n is InstructionNode => n.type === 'instruction' && n.keyword === 'HEALTHCHECK',
  );
  expect(nodes).toHaveLength(1);
  return viewHealthcheck(nodes[0] as InstructionNode);
}

/** `${NAME}` as the Dockerfile writes it. */
const PYTHON_VERSION_REF = '$' + '{PYTHON_VERSION}';
const NODE_VERSION_REF = '$' + '{NODE_VERSION}';

/** A read-only bind mount of one context file (onto `dir/file`, or the same relative path). */
function bindMount(file: string, dir = ''): RegExp {
  const f = file.replace(/\./g, '\\.');
  const t = `${dir}${f}`;
  return new RegExp(`--mount=type=bind,(source=${f},target=${t}|target=${t},source=${f})[ \\\\]`);
}

/** A package-lock.json that names express: what a finished `npm install` writes, in short. */
const COMPLETE_NPM_LOCK =
  '{"lockfileVersion":3,"packages":{"":{"dependencies":{"express":"^5.1.0"}},"node_modules/express":{"version":"5.1.0"}}}';

/** A directory holding an executable named `name` that runs `body` (a fake package manager). */
function fakeBin(name: string, body: string): string {
  const dir = tempDir('cca-bin-');
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return dir;
}

describe('--help and --version', () => {
  it('--help lists every flag and exits 0', () => {
    const res = runCli(['--help']);
    expect(res.code).toBe(0);
    for (const flag of [
      '--template',
      '--package-manager',
      '--port',
      '--python-version',
      '--node-version',
      '--no-interactive',
      '--overwrite',
      '--dry-run',
      '--no-install',
      '--help',
      '--version',
    ]) {
      expect(res.stdout).toContain(flag);
    }
    expect(res.stdout).toContain('npm create container-app');
  });

  it.each([['--version'], ['-v']])('%s prints the package version', (flag) => {
    const res = runCli([flag]);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(pkg.version);
  });
});

describe('bad input fails at once with exit code 2 and writes nothing', () => {
  it.each([
    [['app', '--template', 'flask', '--bogus'], "Unknown option '--bogus'"],
    [['app', '--template'], "Option '-t, --template <value>' argument missing"],
    [['app', '--template', 'rails'], 'Unknown template "rails". Use one of: flask, node, node-ts.'],
    [['app', '--template', 'node', '--package-manager', 'bun'], 'Unknown package manager "bun"'],
    [['app', '--template', 'node', '--package-manager', 'npm@10.0.0'], 'takes no version'],
    [['app', '--template', 'node', '--package-manager', 'pnpm@8'], 'give the exact one'],
    [['app', '--template', 'flask', '--port', '0'], 'Invalid port "0"'],
    [['app', '--template', 'flask', '--port', '65536'], 'Invalid port "65536"'],
    [['app', '--template', 'flask', '--port', '80a'], 'Invalid port "80a"'],
    [['app', '--template', 'flask', '--python-version', '2.7'], 'Invalid Python version "2.7"'],
    [['app', '--template', 'node', '--node-version', '18'], '20 or newer is needed'],
    [['app', '--template', 'node', '--node-version', 'lts'], 'Invalid Node version "lts"'],
    [['app', 'other', '--template', 'flask'], 'Expected at most one project directory'],
    [
      ['app', '--template', 'flask', '--package-manager', 'pnpm'],
      '--package-manager pnpm does not apply to the flask template; it takes pip, uv, poetry',
    ],
    [
      ['app', '--template', 'node-ts', '--package-manager', 'uv'],
      '--package-manager uv does not apply to the node-ts template; it takes npm, pnpm, yarn',
    ],
    [
      ['app', '--template', 'flask', '--node-version', '22'],
      '--node-version does not apply to the flask template',
    ],
    [
      ['app', '--template', 'node', '--python-version', '3.12'],
      '--python-version does not apply to the node template',
    ],
    [['app', '--template', 'flask', '--start', 'x'], '--start applies to --existing only'],
    [['app', '--template', 'flask', '--healthcheck', 'http://x'], 'Invalid --healthcheck'],
    [['app', '--template', 'flask', '--overwrite=a/b'], 'expected file names'],
    [['', '--template', 'flask'], 'The project directory is an empty string'],
    [['--template', 'flask'], 'Missing the project directory'],
    [['app'], 'Missing --template'],
    [['app', '--no-interactive'], 'Missing --template'],
    [
      ['app', '--interactive', '--no-interactive', '--template', 'flask'],
      'cannot be used together',
    ],
  ])('%j', (args, message) => {
    const cwd = tempDir();
    const res = runCli(args, { cwd });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
    expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
    expect(readdirSync(cwd)).toEqual([]);
  });

  it.each([
    ['My-App', 'name can no longer contain capital letters'],
    ['my app', 'name can only contain URL-friendly characters'],
    ['.hidden', 'name cannot start with a period'],
    ['_private', 'name cannot start with an underscore'],
    ['node_modules', 'node_modules is not a valid package name'],
    ['http', 'http is a Node.js built-in module name'],
    ['what!', 'name can no longer contain special characters'],
    ['a'.repeat(215), 'more than 214 characters'],
  ])('project name %j', (name, message) => {
    const cwd = tempDir();
    const res = runCli([name, '--template', 'flask'], { cwd });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`Invalid project name "${name}"`);
    expect(res.stderr).toContain(message);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('--debug adds the stack trace to an error', () => {
    const res = runCli(['app', '--template', 'rails', '--debug']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Unknown template "rails"');
    expect(res.stderr).toMatch(/CliError: Unknown template[\s\S]*\n\s+at /);
  });

  it('a target that is a file', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'app'), 'x');
    const res = runCli(['app', '--template', 'flask'], { cwd });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('exists and is not a directory');
    expect(readdirSync(cwd)).toEqual(['app']);
  });
});

describe('flask', () => {
  it('writes the eight files and prints the next commands', () => {
    const cwd = tempDir();
    const res = runCli(['hello-flask', '--template', 'flask'], { cwd });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const dir = join(cwd, 'hello-flask');
    expect(readdirSync(dir).sort()).toEqual(FLASK_FILES);
    expect(readdirSync(cwd)).toEqual(['hello-flask']); // no staging directory left beside it
    // The usual mode for a new directory (not mkdtemp's 0700).
    mkdirSync(join(cwd, 'sibling'));
    expect(statSync(dir).mode).toBe(statSync(join(cwd, 'sibling')).mode);
    expect(res.stdout).toContain('cd hello-flask');
    expect(res.stdout).toContain('docker compose up --build   # Docker Compose v2');
    expect(res.stdout).toContain('(Compose Watch, Docker Compose 2.23 or newer)');
    expect(res.stdout).toContain('docker compose -f compose.yaml -f compose.watch.yaml watch');
    expect(res.stdout).toContain('docker build -t hello-flask .');
    expect(res.stdout).toContain('docker run --rm -p 8000:8000 hello-flask');

    const app = read(dir, 'app.py');
    expect(app).toContain('Hello from hello-flask!');
    expect(app).toContain('@app.get("/healthz")');
    const reqs = read(dir, 'requirements.txt')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(reqs.every((l) => /^[A-Za-z0-9_.-]+==\d+(\.\d+)*$/.test(l))).toBe(true);
    expect(reqs.map((l) => l.split('==')[0])).toEqual(
      expect.arrayContaining([
        'Flask',
        'gunicorn',
        'Werkzeug',
        'Jinja2',
        'itsdangerous',
        'click',
        'MarkupSafe',
        'blinker',
      ]),
    );

    const dockerfile = read(dir, 'Dockerfile');
    const tree = parseDockerfile(dockerfile);
    expect(tree.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(dockerfile).not.toMatch(/^# syntax=/m);
    expect(dockerfile).toMatch(/^ARG PYTHON_VERSION=3\.12$/m);
    // One stage: the dependencies go straight into the image's Python where they run; nothing
    // is copied between stages, no venv carries a pip of its own.
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(1);
    expect(dockerfile).toContain(`FROM python:${PYTHON_VERSION_REF}-slim AS runtime`);
    expect(dockerfile).not.toContain('venv');
    expect(dockerfile).toContain('--mount=type=cache,target=/root/.cache/pip');
    expect(dockerfile).toMatch(bindMount('requirements.txt', '/tmp/project/'));
    expect(dockerfile).toContain(
      'pip install --disable-pip-version-check --root-user-action=ignore -r /tmp/project/requirements.txt',
    );
    expect(dockerfile).toContain('PYTHONDONTWRITEBYTECODE=1');
    expect(dockerfile).toContain('PYTHONUNBUFFERED=1');
    expect(dockerfile).toMatch(/^COPY --chown=app:app \. \/app$/m);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toMatch(/^EXPOSE 8000$/m);
    const health = healthcheckOf(dockerfile);
    expect(health.form).toBe('exec');
    expect((health.command as string[]).slice(0, 2)).toEqual(['python', '-c']);
    expect((health.command as string[])[2]).toMatch(/http\.client.*'\/healthz'.*>= 400/);
    expect(health.interval).toBe(10_000);
    expect(health.startPeriod).toBe(5_000);
    expect(dockerfile).toMatch(/^CMD \["gunicorn", .*"--graceful-timeout", "8".*"app:app"\]$/m);
    // Install before source: the bind-mounted install precedes the only COPY of the source.
    expect(dockerfile.indexOf('pip install')).toBeLessThan(dockerfile.indexOf('COPY --chown'));
    // The app user owns /app: no WORKDIR /app before the COPY creates it.
    expect(dockerfile.indexOf('COPY --chown=app:app . /app')).toBeLessThan(
      dockerfile.indexOf('WORKDIR /app'),
    );

    const compose = parseYaml(read(dir, 'compose.yaml')) as {
      services: Record<string, Record<string, unknown>>;
    };
    const service = compose.services['hello-flask'] as {
      build: string;
      ports: string[];
      healthcheck: { test: string[]; interval: string; start_period: string };
    };
    // compose.yaml holds nothing Compose before 2.22 refuses; the watch rules have their own file.
    expect(service).not.toHaveProperty('develop');
    const watch = parseYaml(read(dir, 'compose.watch.yaml')) as {
      services: Record<string, { develop: { watch: { action: string; path: string }[] } }>;
    };
    expect(service.build).toBe('.');
    expect(service.ports).toEqual(['8000:8000']);
    expect(service.healthcheck.test[0]).toBe('CMD');
    expect(service.healthcheck.test.join(' ')).toContain('/healthz');
    // Same command and timings as the Dockerfile's HEALTHCHECK.
    expect(service.healthcheck.test.slice(1)).toEqual(health.command);
    expect(service.healthcheck).toMatchObject({
      interval: '10s',
      timeout: '5s',
      start_period: '5s',
      retries: 3,
    });
    expect(watch.services['hello-flask']?.develop.watch).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'sync+restart', path: '.', target: '/app' }),
        expect.objectContaining({ action: 'rebuild', path: 'requirements.txt' }),
      ]),
    );
    const dockerignore = read(dir, '.dockerignore');
    expect(dockerignore).toMatch(/^\.venv\/?$/m);
    expect(dockerignore).toMatch(/^\.git\/?$/m);
    const readme = read(dir, 'README.md');
    expect(readme).toContain('# hello-flask');
    expect(readme).toContain('docker compose up --build');
    expect(readme).toContain('Docker Compose v2');
    expect(readme).toContain('Docker Compose 2.22 or newer');
    expect(readme).toContain('`sync+restart`\naction needs 2.23');
    expect(readme).toContain('docker compose -f compose.yaml -f compose.watch.yaml watch');
    expect(readme).toContain('(3.12 by default); another one:');
    expect(readme).toContain('docker build --build-arg PYTHON_VERSION=3.13 .');
    // The workflow of the Docker course: build with a tag, run detached, logs, push, history.
    for (const command of [
      'docker build -t hello-flask:1.0 .',
      'docker run --rm -d -p 8000:8000 --name hello-flask hello-flask:1.0',
      'docker logs hello-flask',
      'docker stop hello-flask',
      'docker tag hello-flask:1.0 registry.example.com/you/hello-flask:1.0',
      'docker push registry.example.com/you/hello-flask:1.0',
      'docker history hello-flask:1.0',
    ]) {
      expect(readme).toContain(`\n${command}\n`);
    }
    expect(read(dir, '.gitignore')).toContain('__pycache__/');
  });

  it('--port and --python-version reach every file that names them', () => {
    const cwd = tempDir();
    const res = runCli(
      ['api', '--template', 'flask', '--port', '8080', '--python-version', '3.13'],
      { cwd },
    );
    expect(res.code).toBe(0);
    const dir = join(cwd, 'api');
    const dockerfile = read(dir, 'Dockerfile');
    expect(dockerfile).toMatch(/^ARG PYTHON_VERSION=3\.13$/m);
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
    expect(dockerfile).toContain('PORT=8080');
    expect(read(dir, 'compose.yaml')).toContain('"8080:8080"');
    expect(read(dir, 'app.py')).toContain('port=8080');
    expect(res.stdout).toContain('docker run --rm -p 8080:8080 api');
    // The README's --build-arg example changes something: not the version already chosen.
    expect(read(dir, 'README.md')).toContain('(3.13 by default); another one:');
    expect(read(dir, 'README.md')).toContain('docker build --build-arg PYTHON_VERSION=3.12 .');
  });

  it('--healthcheck chooses what the HEALTHCHECK probes, in the Dockerfile and compose.yaml', () => {
    const cwd = tempDir();
    const tcp = runCli(['tcp', '--template', 'flask', '--healthcheck', 'tcp'], { cwd });
    expect(tcp.code).toBe(0);
    expect(read(join(cwd, 'tcp'), 'Dockerfile')).toContain('socket.create_connection');
    expect(read(join(cwd, 'tcp'), 'compose.yaml')).toContain('socket.create_connection');
    const none = runCli(['none', '--template', 'flask', '--healthcheck', 'none'], { cwd });
    expect(none.code).toBe(0);
    expect(read(join(cwd, 'none'), 'Dockerfile')).not.toContain('HEALTHCHECK');
    expect(read(join(cwd, 'none'), 'compose.yaml')).not.toContain('healthcheck');
  });

  it('--no-install is accepted and runs nothing for flask', () => {
    const cwd = tempDir();
    const res = runCli(['app', '--template', 'flask', '--no-install', '--no-interactive'], { cwd });
    expect(res.code).toBe(0);
    expect(readdirSync(join(cwd, 'app')).sort()).toEqual(FLASK_FILES);
  });
  it.each([
    ['uv', 'uv.lock', 'uv sync --project /tmp/project --locked --no-dev --no-install-project'],
    ['poetry', 'poetry.lock', 'export --only main --format requirements.txt'],
  ] as const)(
    '--package-manager %s: pyproject.toml, a locked install, the tool kept out of the image',
    (pm, lockfile, install) => {
      const cwd = tempDir();
      const res = runCli(['api', '--template', 'flask', '--package-manager', pm, '--no-install'], {
        cwd,
      });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const dir = join(cwd, 'api');
      expect(readdirSync(dir).sort()).toEqual(
        [...FLASK_FILES.filter((f) => f !== 'requirements.txt'), 'pyproject.toml'].sort(),
      );
      const pyproject = read(dir, 'pyproject.toml');
      expect(pyproject).toContain('name = "api"');
      expect(pyproject).toMatch(/"flask[ (>=]/);
      expect(pyproject).toMatch(/"gunicorn[ (>=]/);
      expect(pyproject.includes('package-mode = false')).toBe(pm === 'poetry');
      const dockerfile = read(dir, 'Dockerfile');
      expect(dockerfile).toContain(install);
      expect(dockerfile).toMatch(bindMount(lockfile, '/tmp/project/'));
      expect(dockerfile).toMatch(bindMount('pyproject.toml', '/tmp/project/'));
      const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
      if (pm === 'uv') {
        // uv is mounted from its image for the install step, never copied into a layer.
        expect(dockerfile.match(/^FROM /gm)).toHaveLength(1);
        expect(dockerfile).toContain(
          '--mount=type=bind,target=/bin/uv,source=/uv,from=ghcr.io/astral-sh/uv:0.8',
        );
        expect(dockerfile).not.toMatch(/^COPY .*uv/m);
      } else {
        // Poetry is installed in a stage of its own and mounted for the install step, which
        // exports the lock and installs that hashed list.
        expect(dockerfile).toContain(`FROM python:${PYTHON_VERSION_REF}-slim AS poetry`);
        expect(runtime).toContain('--no-deps --require-hashes -r /tmp/requirements.txt');
        expect(runtime).toContain('target=/opt/poetry,source=/opt/poetry,from=poetry');
        expect(runtime).not.toMatch(/pip install .*poetry/);
      }
      expect(runtime).toMatch(/^CMD \["gunicorn", .*"app:app"\]$/m);
      // The outro says how to lock it.
      expect(res.stdout).toContain(`${pm} lock   # creates ${lockfile}`);
    },
  );

  it('without uv on PATH: the project is written, the lockfile is not, and the exit code says so', () => {
    const cwd = tempDir();
    const res = runCli(['api', '--template', 'flask', '--package-manager', 'uv'], {
      cwd,
      env: { PATH: fakeBin('true', 'exit 0') },
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Could not create uv.lock: uv lock: uv is not installed');
    expect(res.stderr).toContain('run `uv lock` in api');
    expect(existsSync(join(cwd, 'api', 'uv.lock'))).toBe(false);
    expect(existsSync(join(cwd, 'api', 'Dockerfile'))).toBe(true);
  });
});

describe('node', () => {
  it.each([
    ['npm', 'package-lock.json', 'npm ci --omit=dev', undefined],
    ['pnpm', 'pnpm-lock.yaml', 'corepack pnpm install --prod --frozen-lockfile', 'pnpm@10.34.8'],
    ['yarn', 'yarn.lock', 'corepack yarn install --frozen-lockfile --production', 'yarn@1.22.22'],
    ['yarn@4', 'yarn.lock', 'corepack yarn workspaces focus --all --production', 'yarn@4.18.1'],
  ])('--package-manager %s --no-install', (pm, lockfile, install, field) => {
    const cwd = tempDir();
    const res = runCli(['web', '--template', 'node', '--package-manager', pm, '--no-install'], {
      cwd,
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const dir = join(cwd, 'web');
    const berry = pm === 'yarn@4';
    expect(readdirSync(dir).sort()).toEqual(
      berry ? [...NODE_FILES, '.yarnrc.yml'].sort() : NODE_FILES,
    );
    // Yarn 4 installs into node_modules, the layout every tool reads.
    if (berry) expect(read(dir, '.yarnrc.yml')).toBe('nodeLinker: node-modules\n');
    if (berry) expect(read(dir, '.gitignore')).toContain('.pnp.*');
    const manifest = JSON.parse(read(dir, 'package.json')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'web',
      private: true,
      scripts: { start: 'node server.js' },
      engines: { node: '>=20' },
      dependencies: { express: expect.any(String) },
    });
    expect(manifest.packageManager).toBe(field);
    const dockerfile = read(dir, 'Dockerfile');
    expect(parseDockerfile(dockerfile).diagnostics.filter((d) => d.severity === 'error')).toEqual(
      [],
    );
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=22$/m);
    // One stage: production dependencies are installed where they run, nothing is copied
    // between stages.
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(1);
    expect(dockerfile).toContain(`FROM node:${NODE_VERSION_REF}-slim AS runtime`);
    expect(dockerfile).toContain(install);
    // Yarn 1: the image's own yarn when it is the pinned release, corepack's otherwise.
    if (pm === 'yarn')
      expect(dockerfile).toContain(`then yarn install --frozen-lockfile --production; else`);
    expect(dockerfile).toMatch(bindMount(lockfile));
    expect(dockerfile).toMatch(bindMount('package.json'));
    if (berry) expect(dockerfile).toMatch(bindMount('.yarnrc.yml'));
    expect(dockerfile).toContain('--mount=type=cache,target=');
    expect(dockerfile).toContain('NODE_ENV=production');
    expect(dockerfile).toContain('&& chown node:node /app');
    expect(dockerfile).toMatch(/^COPY --chown=node:node \. \/app$/m);
    expect(dockerfile.indexOf(install)).toBeLessThan(dockerfile.indexOf('COPY --chown'));
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    const health = healthcheckOf(dockerfile);
    expect(health.form).toBe('exec');
    expect((health.command as string[]).slice(0, 2)).toEqual(['node', '-e']);
    expect((health.command as string[])[2]).toMatch(/require\('http'\)\.get\(.*\/healthz/);
    expect(dockerfile).toMatch(/^CMD \["node", "server.js"\]$/m);
    expect(dockerfile).not.toMatch(/^CMD .*npm/m);
    expect(dockerfile).not.toMatch(/AS build$/m); // no build script, no build stage
    expect(existsSync(join(dir, lockfile))).toBe(false);
    // No lockfile yet: the outro says how to make one before building.
    expect(res.stdout).toContain(`${pm.split('@')[0]} install`);
    const server = read(dir, 'server.js');
    expect(server).toContain("'/healthz'");
    expect(server).toContain('SIGTERM');
  });

  it('node-ts: TypeScript compiled in a build stage; the runtime gets dist and production dependencies', () => {
    const cwd = tempDir();
    const res = runCli(
      ['tsapp', '--template', 'node-ts', '--package-manager', 'pnpm', '--no-install'],
      {
        cwd,
      },
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const dir = join(cwd, 'tsapp');
    expect(readdirSync(dir).sort()).toEqual(
      [...NODE_FILES.filter((f) => f !== 'server.js'), 'src', 'tsconfig.json'].sort(),
    );
    expect(readdirSync(join(dir, 'src'))).toEqual(['server.ts']);
    const manifest = JSON.parse(read(dir, 'package.json'));
    expect(manifest.scripts).toMatchObject({ build: 'tsc', start: 'node dist/server.js' });
    expect(Object.keys(manifest.devDependencies)).toEqual([
      '@types/express',
      '@types/node',
      'typescript',
    ]);
    expect(JSON.parse(read(dir, 'tsconfig.json')).compilerOptions).toMatchObject({
      rootDir: 'src',
      outDir: 'dist',
      strict: true,
    });
    const dockerfile = read(dir, 'Dockerfile');
    expect(dockerfile).toContain(`FROM node:${NODE_VERSION_REF}-slim AS build`);
    expect(dockerfile).toContain('corepack pnpm install --frozen-lockfile');
    expect(dockerfile).toMatch(
      /^RUN --mount=type=cache,target=\/root\/.cache\/node\/corepack corepack pnpm run build$/m,
    );
    expect(dockerfile).toContain('corepack pnpm install --prod --frozen-lockfile');
    expect(dockerfile).toMatch(/^COPY --chown=node:node package.json \/app\/package.json$/m);
    expect(dockerfile).toMatch(/^COPY --from=build --chown=node:node \/app\/dist \/app\/dist$/m);
    expect(dockerfile).not.toMatch(/^COPY --chown=node:node \. \/app$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/server.js"\]$/m);
    const watch = (
      parseYaml(read(dir, 'compose.watch.yaml')) as {
        services: Record<string, { develop: { watch: { action: string }[] } }>;
      }
    ).services.tsapp?.develop.watch;
    // The image runs the build output: an edit rebuilds, nothing is synced into it, and
    // Compose 2.22 (the first with develop.watch) runs that.
    expect(watch?.map((w) => w.action)).toEqual(['rebuild']);
    expect(read(dir, 'README.md')).toContain('Docker Compose 2.22 or newer');
    expect(read(dir, 'README.md')).not.toContain('sync+restart');
  });

  it('takes the package manager and its version from npm_config_user_agent', () => {
    const cwd = tempDir();
    for (const [agent, field] of [
      ['pnpm/9.15.0 npm/? node/v20.20.2 linux x64', 'pnpm@9.15.0'],
      ['yarn/1.22.19 npm/? node/v20.20.2 linux x64', 'yarn@1.22.19'],
      ['npm/10.8.2 node/v20.20.2 linux x64 workspaces/false', undefined],
    ] as const) {
      const name = `ua-${agent.split('/')[0]}`;
      const res = runCli([name, '--template', 'node', '--no-install'], {
        cwd,
        env: { npm_config_user_agent: agent },
      });
      expect(res.code).toBe(0);
      expect(JSON.parse(read(join(cwd, name), 'package.json')).packageManager).toBe(field);
    }
  });

  it('--node-version and --port', () => {
    const cwd = tempDir();
    const res = runCli(
      ['svc', '--template', 'node', '--no-install', '--node-version', '24', '--port', '4000'],
      { cwd },
    );
    expect(res.code).toBe(0);
    const dir = join(cwd, 'svc');
    expect(read(dir, 'Dockerfile')).toMatch(/^ARG NODE_VERSION=24$/m);
    expect(read(dir, 'Dockerfile')).toMatch(/^EXPOSE 4000$/m);
    // engines states what the code needs; the image's version is the Dockerfile's ARG.
    expect(JSON.parse(read(dir, 'package.json')).engines.node).toBe('>=20');
    expect(read(dir, 'Dockerfile')).toMatch(/^ENV NODE_ENV=production PORT=4000$/m);
    expect(read(dir, 'server.js')).toContain('?? 4000');
    expect(res.stdout).toContain('docker run --rm -p 4000:4000 svc');
    expect(read(dir, 'README.md')).toContain('docker build --build-arg NODE_VERSION=22 .');
  });

  it('runs the package manager in lockfile-only mode, on a copy of package.json in scratch space', () => {
    const cwd = tempDir();
    const record = join(tempDir('cca-record-'), 'npm.txt');
    // A stand-in npm that records its arguments and what it saw, leaves a file behind, and
    // writes a lockfile: only the lockfile may reach the project.
    const bin = fakeBin(
      'npm',
      `{ echo "$@"; ls -A; } > "${record}"; touch leftover.txt; echo '${COMPLETE_NPM_LOCK}' > package-lock.json`,
    );
    const res = runCli(['web', '--template', 'node', '--package-manager', 'npm'], {
      cwd,
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    expect(res.code).toBe(0);
    expect(readFileSync(record, 'utf8').trim().split('\n')).toEqual([
      'install --package-lock-only --ignore-scripts --no-audit --no-fund --workspaces=false --fetch-retries=1 --fetch-retry-mintimeout=1000 --fetch-retry-maxtimeout=2000 --fetch-timeout=60000',
      'package.json',
    ]);
    expect(read(join(cwd, 'web'), 'package-lock.json')).toBe(`${COMPLETE_NPM_LOCK}\n`);
    expect(readdirSync(join(cwd, 'web')).sort()).toEqual(
      [...NODE_FILES, 'package-lock.json'].sort(),
    );
  });

  it('says so and how to finish when the package manager cannot reach the registry', () => {
    const cwd = tempDir();
    const bin = fakeBin('npm', 'echo "npm error code ENOTFOUND registry.npmjs.org" >&2; exit 1');
    const res = runCli(['web', '--template', 'node', '--package-manager', 'npm'], {
      cwd,
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    // Written, but not complete: exit 1 (2 would mean nothing was written).
    expect(res.code).toBe(1);
    const out = res.stdout + res.stderr;
    expect(out).toContain('Could not create package-lock.json');
    expect(out).toContain('registry may be unreachable');
    expect(out).toContain('ENOTFOUND');
    expect(out).toContain('run `npm install` in web to create it');
    expect(readdirSync(join(cwd, 'web')).sort()).toEqual(NODE_FILES);
  });

  it.each(['npm', 'pnpm'] as const)(
    'with the registry unreachable (a closed loopback port), %s gives up quickly and says how to finish',
    async (pm) => {
      const cwd = tempDir();
      const port = await freePort();
      // Without fail-fast retries npm took about 70 s here (pnpm twice that: corepack, then
      // the fallback); the spawn timeout turns a return to that into a failure. Corepack
      // fetches pnpm from its own registry setting, so both point at the closed port: without
      // it, a corepack with no pnpm cached went to the public registry instead.
      const registry = `http://127.0.0.1:${port}/`;
      const res = runCli(['web', '--template', 'node', '--package-manager', pm], {
        cwd,
        env: { npm_config_registry: registry, COREPACK_NPM_REGISTRY: registry },
        timeoutMs: 30_000,
      });
      expect(res.signal).toBeNull();
      expect(res.code).toBe(1);
      const lockfile = pm === 'npm' ? 'package-lock.json' : 'pnpm-lock.yaml';
      expect(res.stderr).toContain(`Could not create ${lockfile}`);
      expect(res.stderr).toContain('ECONNREFUSED');
      expect(res.stderr).toContain(`run \`${pm} install\` in web to create it`);
      expect(res.stdout).toContain(`${pm} install   # creates ${lockfile}`);
      expect(readdirSync(join(cwd, 'web')).sort()).toEqual(NODE_FILES);
    },
  );

  it('closed stdout and stderr (nobody reading) do not stop the scaffold', async () => {
    const cwd = tempDir();
    const bin = fakeBin('npm', 'echo "npm error code ECONNREFUSED" >&2; exit 1');
    const child = startCli(['web', '--template', 'node', '--package-manager', 'npm'], {
      cwd,
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    // The lockfile warning goes to stderr, the progress and outro to stdout: both get EPIPE.
    child.stdout.destroy();
    child.stderr.destroy();
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(code).toBe(1); // written without the lockfile the fake npm could not make
    expect(readdirSync(join(cwd, 'web')).sort()).toEqual(NODE_FILES);
  });
});

describe('the target directory', () => {
  it('a non-empty directory without --overwrite: exit 2, nothing touched', () => {
    const cwd = tempDir();
    const dir = join(cwd, 'app');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const res = runCli(['app', '--template', 'flask'], { cwd });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('app is not empty (2 entries; it would replace Dockerfile)');
    expect(res.stderr).toContain('--overwrite');
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'notes.txt']);
    expect(read(dir, 'Dockerfile')).toBe('FROM scratch\n');
    expect(readdirSync(cwd)).toEqual(['app']);
  });

  it('--overwrite replaces only the files it writes and keeps the rest', () => {
    const cwd = tempDir();
    const dir = join(cwd, 'app');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'src', 'keep.py'), 'x = 1\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const res = runCli(['app', '--template', 'flask', '--overwrite'], { cwd });
    expect(res.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([...FLASK_FILES, 'notes.txt', 'src'].sort());
    expect(read(dir, 'notes.txt')).toBe('mine');
    expect(read(dir, 'src/keep.py')).toBe('x = 1\n');
    expect(read(dir, 'Dockerfile')).toContain(`FROM python:${PYTHON_VERSION_REF}-slim`);
    expect(res.stdout).toContain('replaced Dockerfile');
    expect(readdirSync(cwd)).toEqual(['app']);
  });

  it('a directory holding only .git counts as empty', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'app', '.git'), { recursive: true });
    const res = runCli(['app', '--template', 'flask'], { cwd });
    expect(res.code).toBe(0);
    expect(readdirSync(join(cwd, 'app')).sort()).toEqual(['.git', ...FLASK_FILES].sort());
  });

  it('"." scaffolds into the current directory and the outro has no cd', () => {
    const cwd = join(tempDir(), 'here-app');
    mkdirSync(cwd);
    const res = runCli(['.', '--template', 'flask'], { cwd });
    expect(res.code).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(FLASK_FILES);
    expect(read(cwd, 'README.md')).toContain('# here-app');
    expect(res.stdout).not.toContain('cd ');
  });

  it('a directory named "-": the next steps say cd ./-, never cd - (which goes back)', () => {
    const cwd = tempDir();
    for (const [arg, dir] of [
      ['-', '-'],
      ['./-x', '-x'],
    ] as const) {
      const res = runCli([arg, '--template', 'flask'], { cwd });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(readdirSync(join(cwd, dir)).sort()).toEqual(FLASK_FILES);
      expect(res.stdout).toContain(`cd ./${dir}\n`);
      expect(res.stdout).not.toMatch(/^\s*cd -/m);
    }
  });

  it('a symbolic link to a directory that does not exist: a clear message, nothing created', () => {
    const cwd = tempDir();
    symlinkSync(join(cwd, 'nowhere', 'app'), join(cwd, 'app'));
    const res = runCli(['app', '--template', 'flask'], { cwd });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      `app is a symbolic link to ${join(cwd, 'nowhere', 'app')}, which does not exist`,
    );
    expect(res.stderr).not.toContain('Unexpected error');
    expect(readdirSync(cwd)).toEqual(['app']);
    expect(existsSync(join(cwd, 'nowhere'))).toBe(false);
  });

  it('a symbolic link to an empty directory is written through, the link kept', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'real'));
    symlinkSync(join(cwd, 'real'), join(cwd, 'app'));
    const res = runCli(['app', '--template', 'flask'], { cwd });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(lstatSync(join(cwd, 'app')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(cwd, 'real')).sort()).toEqual(FLASK_FILES);
  });

  it('creates missing parent directories', () => {
    const cwd = tempDir();
    const res = runCli(['a/b/svc', '--template', 'flask'], { cwd });
    expect(res.code).toBe(0);
    expect(readdirSync(join(cwd, 'a', 'b', 'svc')).sort()).toEqual(FLASK_FILES);
    expect(res.stdout).toContain('cd a/b/svc');
  });
});

describe('--dry-run', () => {
  it.each([
    [['flask-dry', '--template', 'flask']],
    [['node-dry', '--template', 'node', '--package-manager', 'pnpm']],
  ])('%j prints the plan and every file and writes nothing', (args) => {
    const cwd = tempDir();
    const res = runCli([...args, '--dry-run'], { cwd });
    expect(res.code).toBe(0);
    expect(readdirSync(cwd)).toEqual([]);
    expect(res.stdout).toContain('Dry run: nothing is written.');
    for (const file of args[2] === 'flask' ? FLASK_FILES : NODE_FILES) {
      expect(res.stdout).toContain(`──── ${file} ────`);
    }
    expect(res.stdout).toMatch(/^FROM /m); // the Dockerfile itself is printed
    if (args[2] === 'node')
      expect(res.stdout).toContain('Then runs:       corepack pnpm install --lockfile-only');
  });

  it('a reader that closes the pipe at once (`| head`): no EPIPE stack trace, exit 0, nothing written', async () => {
    const cwd = tempDir();
    const child = startCli(['x', '--template', 'flask', '--dry-run', '--no-interactive'], { cwd });
    // Our end of the stdout pipe closes before the CLI writes: its first write gets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('in a non-empty directory with --overwrite lists what it would replace, touching nothing', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'app.py'), 'print(1)\n');
    const res = runCli(['app', '--template', 'flask', '--overwrite', '--dry-run'], { cwd });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Replaces:        app.py');
    expect(readdirSync(join(cwd, 'app'))).toEqual(['app.py']);
    expect(read(join(cwd, 'app'), 'app.py')).toBe('print(1)\n');
  });
});

describe('interruption', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s while the package manager runs leaves nothing behind',
    async (signal, exitCode) => {
      const cwd = tempDir();
      // A package manager that hangs, so the signal arrives mid-scaffold, after files are staged.
      const marker = join(tempDir(), 'started');
      const bin = fakeBin('npm', `touch ${marker}; sleep 30`);
      const child = startCli(['web', '--template', 'node', '--package-manager', 'npm'], {
        cwd,
        env: { PATH: `${bin}:${process.env.PATH}` },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const deadline = Date.now() + 20_000;
      while (!existsSync(marker)) {
        if (Date.now() > deadline) throw new Error('the fake package manager never started');
        await new Promise((r) => setTimeout(r, 20));
      }
      // Mid-scaffold: the staging directory exists beside the target.
      expect(readdirSync(cwd).some((e) => e.startsWith('.web.create-container-app-'))).toBe(true);
      child.kill(signal);
      const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
      expect(code).toBe(exitCode);
      expect(stderr).toContain('nothing was written');
      expect(readdirSync(cwd)).toEqual([]);
    },
  );
});

describe('every generated Dockerfile', () => {
  it.each([
    [['--template', 'flask']],
    [['--template', 'flask', '--port', '5000', '--python-version', '3.13']],
    [['--template', 'node', '--package-manager', 'npm']],
    [['--template', 'node', '--package-manager', 'pnpm', '--node-version', '24']],
    [['--template', 'node', '--package-manager', 'yarn', '--port', '8080']],
    [['--template', 'node-ts', '--package-manager', 'yarn']],
  ])("%j trips none of BuildKit's build checks, hadolint's rules or dockwright's", (args) => {
    const cwd = tempDir();
    const res = runCli(['app', ...args, '--no-install'], { cwd });
    expect(res.code).toBe(0);
    const text = read(join(cwd, 'app'), 'Dockerfile');
    expect(lint(text, { file: 'Dockerfile' })).toEqual([]);
    // Nothing beyond the frontend built into Docker 20.10: no syntax line, no heredoc, no --link.
    expect(text).not.toMatch(/^# ?syntax=/m);
    expect(text).not.toMatch(/<<|--link|--exclude|--parents/);
  });
});

describe('start-up state', () => {
  // A CLI run as root must execute nothing another local user can plant. The bin once kept a V8
  // code cache in the shared temp folder; another user could point that folder at a directory
  // of theirs with a cache whose code ran as the next user to start the CLI. The CLI now keeps
  // no start-up state at all: it reads its own files, the target, and nothing else.
  const dist = join(BIN, '..');
  /** Runs the CLI under Node's permission model: reads allowed only in dist/ and `work`. */
  const confined = (args: readonly string[], work: string, tmp: string) =>
    spawnSync(
      process.execPath,
      [
        '--experimental-permission',
        `--allow-fs-read=${dist}/*`,
        `--allow-fs-read=${work}/*`,
        `--allow-fs-write=${work}/*`,
        BIN,
        ...args,
      ],
      {
        cwd: work,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, NO_COLOR: '1', TMPDIR: tmp, HOME: tmp, XDG_CACHE_HOME: tmp },
      },
    );

  it('reads and writes nothing outside its own files and the target', () => {
    const work = tempDir();
    const tmp = tempDir('cca-tmp-');
    for (const args of [
      ['--version'],
      ['--help'],
      ['app', '--template', 'flask', '--no-install', '--no-interactive'],
      ['node-app', '--template', 'node', '--no-install', '--no-interactive'],
    ]) {
      const res = confined(args, work, tmp);
      expect(res.stderr).not.toMatch(/ERR_ACCESS_DENIED/);
      expect(res.status, `${args.join(' ')}: ${res.stderr}`).toBe(0);
    }
    expect(readdirSync(work).sort()).toEqual(['app', 'node-app']);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('runs none of the code planted where the old code cache was read from', () => {
    // The attack as reported: the cache folder is a symlink to a folder the attacker chose,
    // holding V8 cache data for a payload of the same source length as the bundled CLI
    // (wrapped as the old bin wrapped it), under the name the old bin read. V8 checks only the
    // source length. One payload per script in dist/, whichever the bin might run.
    const tmp = tempDir('cca-tmp-');
    const elsewhere = tempDir('cca-planted-');
    symlinkSync(elsewhere, join(tmp, 'create-container-app-compile-cache'));
    const marker = join(tmp, 'payload-ran');
    const body = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`;
    for (const script of readdirSync(dist).filter((f) => f.endsWith('.cjs'))) {
      const code = readFileSync(join(dist, script), 'utf8');
      const wrapped = `(function (exports, require, module, __filename, __dirname) {//${code.slice(2)}\n})`;
      const head = `(function (exports, require, module, __filename, __dirname) {${body}/*`;
      const source = `${head.padEnd(wrapped.length - 5, ' ')}*/\n})`;
      expect(source.length).toBe(wrapped.length);
      const data = new vm.Script(source).createCachedData();
      writeFileSync(join(elsewhere, `${pkg.version}-${process.version}-${process.arch}.bin`), data);
      for (const args of [
        ['--version'],
        [join(tmp, `app-${script}`), '--template', 'flask', '--no-install'],
      ]) {
        expect(runCli(args, { env: { TMPDIR: tmp } }).code).toBe(0);
      }
    }
    expect(existsSync(marker)).toBe(false);
  });
});
