/**
 * `--existing` without an engine: what it detects in real sample projects, what it writes (only
 * the container files, never changing a file that exists unless --overwrite names it), and the
 * messages for projects it cannot containerise well, each naming the flag that settles it.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, removeTempDirs, runCli, tempDir } from './run-cli.js';
import { copySample } from './samples.js';

beforeAll(assertBuilt);
afterAll(removeTempDirs);

const CONTAINER_FILES = [
  '.dockerignore',
  'Dockerfile',
  'README.Docker.md',
  'compose.watch.yaml',
  'compose.yaml',
];

/** A copy of a sample project in a new temporary directory. */
function sample(name: string): string {
  const dir = join(tempDir('cca-existing-'), name);
  copySample(name, dir);
  return dir;
}

/** A project made of `files` in a new temporary directory. */
function project(files: Record<string, string>): string {
  const dir = join(tempDir('cca-existing-'), 'proj');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) Object.assign(out, snapshot(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), 'latin1');
  }
  return out;
}

const existing = (dir: string, ...args: string[]) =>
  runCli(['--existing', dir, '--no-interactive', ...args], { cwd: join(dir, '..') });

describe('--dry-run reports what it found and writes nothing', () => {
  it.each([
    [
      'flask-hello-world',
      [
        'dependencies: requirements.txt, installed with pip; some are not pinned',
        'WSGI application app:app (app.py)',
        'port 8000',
        'no health route: the HEALTHCHECK checks that / answers',
      ],
      /CMD \["gunicorn", "--graceful-timeout", "8", "--worker-tmp-dir", "\/dev\/shm", "app:app"\]/,
    ],
    [
      'flask-procfile-gunicorn-conf',
      [
        "start: gunicorn app:app (the Procfile's web process)",
        'gunicorn config gunicorn.conf.py (bind "0.0.0.0:5000")',
        'port 5000',
      ],
      /CMD \["gunicorn", "app:app"\]/,
    ],
    [
      'js-example-uv',
      [
        'no uv.lock yet: it is created with uv',
        'WSGI application js_example:app (js_example/__init__.py)',
        'no gunicorn among the dependencies: the image adds gunicorn>=20.1,<24 (your files stay as they are)',
      ],
      /uv sync --project \/tmp\/project --locked --no-dev --no-install-project/,
    ],
    [
      'express-hello-world',
      [
        'package manager: yarn 1.22.22 (yarn.lock), locked in yarn.lock',
        'start: node app.js (scripts.start)',
        'port 3001 (app.js)',
        'no SIGTERM handler: the image adds a preload that exits on docker stop',
      ],
      /CMD \["node", "--import", "data:text\/javascript,.*", "app.js"\]/,
    ],
    [
      'node-js-getting-started',
      [
        'no package-lock.json yet: it is created',
        "start: node index.js (the Procfile's web process → scripts.start)",
        'port 5006 (index.js)',
      ],
      /CMD \["node", "index.js"\]/,
    ],
    [
      'express-ts',
      [
        'a Node project (package.json, TypeScript)',
        'build: the "build" script, output in dist/; public copied beside it',
        'health route /health (src/index.ts): the HEALTHCHECK probes it',
      ],
      /COPY --from=build --chown=node:node \/app\/dist \/app\/dist/,
    ],
    [
      'express-yarn-pnp',
      ['package manager: yarn 4.18.1 (packageManager yarn@4.18.1)', "Yarn Plug'n'Play (.pnp.cjs)"],
      /NODE_OPTIONS="--require \/app\/\.pnp\.cjs"/,
    ],
  ])('%s', (name, found, dockerfile) => {
    const dir = sample(name);
    const before = snapshot(dir);
    const res = existing(dir, '--dry-run');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    for (const line of found) expect(res.stdout).toContain(line);
    expect(res.stdout).toMatch(dockerfile);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('what --existing writes', () => {
  it('only the container files; every file of the project stays as it was', () => {
    const dir = sample('flask-hello-world');
    const before = snapshot(dir);
    const res = existing(dir);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const after = snapshot(dir);
    for (const [file, text] of Object.entries(before)) expect(after[file]).toBe(text);
    expect(
      Object.keys(after)
        .filter((f) => !(f in before))
        .sort(),
    ).toEqual(CONTAINER_FILES);
    const readme = after['README.Docker.md'] ?? '';
    expect(readme).toContain('WSGI application app:app (app.py)');
    expect(readme).toContain('docker push registry.example.com/you/flask-hello-world:1.0');
    expect(readdirSync(dir).some((e) => e.startsWith('.create-container-app-'))).toBe(false);
  });

  it('an existing Dockerfile is never replaced unless --overwrite names it', () => {
    const dir = sample('flask-hello-world');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM mine\n');
    writeFileSync(join(dir, 'compose.yaml'), 'services: {}\n');
    const before = snapshot(dir);

    const refused = existing(dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'Dockerfile, compose.yaml already exist in flask-hello-world, and --existing never changes a file unless told to. Pass --overwrite=Dockerfile,compose.yaml',
    );
    expect(snapshot(dir)).toEqual(before);

    const bare = existing(dir, '--overwrite');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--existing replaces only the files --overwrite names');
    expect(snapshot(dir)).toEqual(before);

    const unknown = existing(dir, '--overwrite=app.py');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--overwrite names app.py, which --existing does not write');

    const named = existing(dir, '--overwrite=Dockerfile,compose.yaml');
    expect(named.stderr).toBe('');
    expect(named.code).toBe(0);
    expect(named.stdout).toContain('(replaced Dockerfile, compose.yaml)');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('FROM python:');
    expect(readFileSync(join(dir, 'app.py'), 'utf8')).toBe(before['app.py']);
  });

  it('a project without a lockfile gets one, made on a copy of its manifest', () => {
    const dir = sample('node-js-getting-started');
    const record = join(tempDir('cca-record-'), 'npm.txt');
    const bin = tempDir('cca-bin-');
    writeFileSync(
      join(bin, 'npm'),
      `#!/bin/sh\nls -A > "${record}"\necho '{"lockfileVersion":3,"packages":{"":{},"node_modules/express":{},"node_modules/ejs":{}}}' > package-lock.json\n`,
    );
    chmodSync(join(bin, 'npm'), 0o755);
    const before = snapshot(dir);
    const res = runCli(['--existing', dir, '--no-interactive'], {
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(readFileSync(record, 'utf8').trim()).toBe('package.json');
    const added = Object.keys(snapshot(dir)).filter((f) => !(f in before));
    expect(added.sort()).toEqual([...CONTAINER_FILES, 'package-lock.json'].sort());
  });

  it('without a lockfile and with --no-install: the container files, a note, exit 1', () => {
    const dir = sample('node-js-getting-started');
    const res = existing(dir, '--no-install');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('No package-lock.json (--no-install): run `npm install`');
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(CONTAINER_FILES));
  });

  it('every detected value can be given instead', () => {
    const dir = sample('express-hello-world');
    const res = existing(
      dir,
      '--dry-run',
      '--port',
      '8080',
      '--start',
      'node app.js',
      '--healthcheck',
      'tcp',
      '--node-version',
      '24',
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^ARG NODE_VERSION=24$/m);
    expect(res.stdout).toMatch(/^EXPOSE 8080$/m);
    expect(res.stdout).toContain("require('net').connect");
    expect(res.stdout).toContain('start: node app.js (--start)');
  });
});

describe('the WSGI application, the Python line and the package manager, as found', () => {
  it.each([
    [
      'a package with a create_app() factory',
      {
        'requirements.txt': 'flask\ngunicorn\n',
        'shop/__init__.py':
          'from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n',
      },
      ['WSGI application shop:create_app() (shop/__init__.py)'],
      /"shop:create_app\(\)"\]$/m,
    ],
    [
      'wsgi.py before any module with a Flask app',
      {
        'requirements.txt': 'flask\n',
        'wsgi.py': 'from site_app import app as application\n',
        'site_app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      },
      ['WSGI application wsgi:application (wsgi.py)'],
      /"wsgi:application"\]$/m,
    ],
    [
      'a src layout',
      {
        'requirements.txt': 'flask\ngunicorn\n',
        'src/api/__init__.py': 'from flask import Flask\napp = Flask(__name__)\n',
      },
      ['WSGI application api:app (src/api/__init__.py)'],
      /^CMD \["gunicorn", "--pythonpath", "src", .*"api:app"\]$/m,
    ],
    [
      'a Procfile binding $PORT, and .python-version',
      {
        'requirements.txt': 'flask==3.1.1\ngunicorn==23.0.0\n',
        'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
        Procfile:
          'release: flask db upgrade\nweb: gunicorn app:app --bind 0.0.0.0:$PORT --workers 2\n',
        '.python-version': '3.11.9\n',
      },
      [
        "start: gunicorn app:app --bind 0.0.0.0:$PORT --workers 2 (the Procfile's web process)",
        'Python 3.11 (.python-version)',
        'port 8000',
      ],
      /^CMD \["sh", "-c", "exec gunicorn app:app --bind 0\.0\.0\.0:\$PORT --workers 2"\]$/m,
    ],
    [
      'requirements with includes, and a health route',
      {
        'requirements.txt': '-r requirements/base.txt\n',
        'requirements/base.txt': '-c constraints.txt\nflask\ngunicorn\n',
        'requirements/constraints.txt': 'flask==3.1.1\n',
        'app.py':
          'from flask import Flask\napp = Flask(__name__)\n@app.get("/healthz")\ndef h():\n    return "ok"\n',
      },
      [
        'dependencies: requirements.txt (with requirements/base.txt, requirements/constraints.txt)',
        'health route /healthz (app.py): the HEALTHCHECK probes it',
      ],
      /target=\/tmp\/project\/requirements\/constraints\.txt,source=requirements\/constraints\.txt/,
    ],
    [
      'engines.node picks the Node line',
      {
        'package.json':
          '{"engines":{"node":">=18 <21"},"scripts":{"start":"node server.js"},"dependencies":{"express":"^5"}}',
        'package-lock.json': '{"lockfileVersion":3,"packages":{"":{}}}\n',
        'server.js': 'require("express")().listen(process.env.PORT ?? 4000)\n',
      },
      ['Node 20 (engines.node >=18 <21)', 'port 4000 (server.js)'],
      /^ARG NODE_VERSION=20$/m,
    ],
    [
      'pnpm without a packageManager field: the release that reads its lockfile',
      {
        'package.json': '{"scripts":{"start":"node index.js"},"dependencies":{"express":"^5"}}',
        'pnpm-lock.yaml': "lockfileVersion: '6.0'\n",
        'index.js': 'require("express")().listen(process.env.PORT || 3000)\n',
      },
      ['package manager: pnpm 8.15.9 (pnpm-lock.yaml), locked in pnpm-lock.yaml'],
      /corepack pnpm@8\.15\.9 install --prod --frozen-lockfile/,
    ],
  ] as const)('%s', (_label, files, found, dockerfile) => {
    const dir = project(files as Record<string, string>);
    const res = existing(dir, '--dry-run');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    for (const line of found) expect(res.stdout).toContain(line);
    expect(res.stdout).toMatch(dockerfile);
  });
});

describe('a project it cannot containerise well: what it found, and the flag that settles it', () => {
  it.each([
    [{ 'notes.txt': 'x' }, [], 'Found no project to containerise'],
    [
      { 'requirements.txt': 'flask\n', 'lib/helpers.py': 'X = 1\n' },
      [],
      'Cannot find the WSGI application',
      'Pass --app app:app',
    ],
    [
      {
        'requirements.txt': 'flask\n',
        'a.py': 'from flask import Flask\napp = Flask(__name__)\n',
        'b.py': 'from flask import Flask\nweb = Flask(__name__)\n',
      },
      [],
      'Several WSGI applications could be the one to serve: a:app, b:web',
    ],
    [
      { 'requirements.txt': 'django\n', 'manage.py': '' },
      [],
      'A Python project without Flask (it uses django)',
      '--start',
    ],
    [{ Pipfile: '[packages]\nflask = "*"\n' }, [], 'managed with Pipenv'],
    [
      {
        'requirements.txt': 'flask\n',
        'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
        'gunicorn.conf.py': 'bind = "127.0.0.1:8000"\n',
      },
      [],
      'gunicorn.conf.py binds "127.0.0.1:8000", which cannot be reached from outside a container',
    ],
    [
      {
        'package.json':
          '{"dependencies":{"express":"^5"},"devDependencies":{"nodemon":"^3"},"scripts":{"start":"nodemon app.js"}}',
        'app.js': '',
      },
      [],
      'scripts.start runs nodemon, a dev dependency the image does not install',
      'Pass --start "node server.js"',
    ],
    [
      { 'package.json': '{"devDependencies":{"typescript":"^5"}}', 'tsconfig.json': '{}' },
      [],
      'A TypeScript project without a build script',
    ],
    [
      { 'package.json': '{"private":true,"workspaces":["packages/*"]}' },
      [],
      'This is a workspace root',
    ],
    [
      { 'package.json': '{"dependencies":{"next":"15"}}' },
      [],
      'Next.js apps build and serve in a way of their own',
    ],
    [
      { 'package.json': '{"scripts":{"start":"node app.js"}}', 'app.js': '', 'bun.lockb': '' },
      [],
      'locked with bun',
    ],
    [
      {
        'package.json': '{"scripts":{"start":"node app.js"}}',
        'app.js': "require('http').createServer().listen(3000, 'localhost')\n",
      },
      [],
      'app.js listens on localhost only',
    ],
    [
      { 'package.json': '{"scripts":{"start":"npm run build && node dist/app.js"}}' },
      [],
      'which runs several commands or needs a shell',
      'Pass --start "node server.js"',
    ],
    [
      { 'package.json': '{}' },
      [],
      'Cannot tell how the app starts',
      'Pass --start "node server.js"',
    ],
    [
      { 'package.json': '{"scripts":{"start":"node app.js"}}', 'app.js': 'console.log(1)\n' },
      [],
      'Cannot tell which port the server listens on',
      'Pass --port 3000',
    ],
  ] as const)('%j', (files, args, message, flag?: string) => {
    const dir = project(files as Record<string, string>);
    const before = snapshot(dir);
    const res = existing(dir, ...args);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
    if (flag) expect(res.stderr).toContain(flag);
    expect(res.stderr).not.toContain('Unexpected error');
    expect(snapshot(dir)).toEqual(before);
  });
});
