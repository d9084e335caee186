import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type InstructionNode, parse, viewHealthcheck, viewRun } from '@dockwright/ast';
import { describe, expect, it } from 'vitest';
import { DockerfileBuildError } from '../dockerfile-build-error.js';
import { recipes } from './recipes.js';

const instructions = (text: string): InstructionNode[] =>
  parse(text).children.filter((n): n is InstructionNode => n.type === 'instruction');

/** Every recipe output must re-parse cleanly and need no frontend newer than Docker 20.10's. */
function expectClean(text: string): void {
  expect(parse(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(text).not.toMatch(/^# ?syntax=/m);
  expect(text).not.toMatch(/<<|--link|--exclude|--parents/);
}

const PYTHON_DEFAULT = `ARG PYTHON_VERSION=3.12

FROM python:\${PYTHON_VERSION}-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PORT=8000
# An unprivileged user for the app, then the dependencies: only requirements.txt is needed to
# install them, so edits to the source reuse this layer.
RUN --mount=type=cache,target=/root/.cache/pip --mount=type=bind,target=/tmp/project/requirements.txt,source=requirements.txt groupadd --system --gid 10001 app \\
    && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app \\
    && pip install --disable-pip-version-check --root-user-action=ignore -r /tmp/project/requirements.txt
# No WORKDIR before this COPY: the COPY creates /app owned by app, so the app can
# write there (\`docker compose watch\` syncs new files into it).
COPY --chown=app:app . /app
WORKDIR /app
USER 10001:10001
EXPOSE 8000
# Slim images have no curl: probe /healthz with Python itself.
HEALTHCHECK --interval=10s \\
    --timeout=5s \\
    --start-period=5s \\
    --retries=3 \\
    CMD ["python", "-c", "import http.client, os, sys; c = http.client.HTTPConnection('127.0.0.1', int(os.environ.get('PORT', '8000')), timeout=2); c.request('GET', '/healthz'); sys.exit(c.getresponse().status >= 400)"]
# gunicorn binds 0.0.0.0:$PORT when PORT is set and no bind is configured. Exec form:
# gunicorn is PID 1 and gets docker stop's SIGTERM, then lets requests finish.
CMD ["gunicorn", "--graceful-timeout", "8", "--worker-tmp-dir", "/dev/shm", "app:app"]
`;

const mountsOf = (node: InstructionNode) =>
  viewRun(node).mounts.map((m) => ({
    type: m.type,
    target: m.target,
    source: 'source' in m ? (m.source ?? undefined) : undefined,
    from: 'from' in m ? (m.from ?? undefined) : undefined,
  }));

describe('recipes.python', () => {
  it("pip: one stage, requirements.txt alone installed into the image's Python, the source last", () => {
    const text = recipes.python().toString();
    expect(text).toBe(PYTHON_DEFAULT);
    expectClean(text);
  });

  it('takes its options', () => {
    const text = recipes
      .python({
        pythonVersion: '3.13',
        port: 5000,
        app: 'wsgi:application',
        requirements: 'requirements/prod.txt',
        installFiles: ['requirements/base.txt'],
        extraPackages: ['gunicorn>=20.1,<24'],
        gracefulTimeout: 5,
        healthcheck: { http: '/', answer: true },
      })
      .toString();
    expectClean(text);
    expect(text).toMatch(/^ARG PYTHON_VERSION=3\.13$/m);
    expect(text).toMatch(/^EXPOSE 5000$/m);
    expect(text).toContain('PORT=5000');
    expect(text).toContain(
      'target=/tmp/project/requirements/prod.txt,source=requirements/prod.txt',
    );
    expect(text).toContain(
      'target=/tmp/project/requirements/base.txt,source=requirements/base.txt',
    );
    expect(text).toContain('-r /tmp/project/requirements/prod.txt');
    // A range is quoted: `<` would be a redirection.
    expect(text).toContain(
      '&& pip install --disable-pip-version-check --root-user-action=ignore "gunicorn>=20.1,<24"',
    );
    expect(text).toContain("c.request('GET', '/'); sys.exit(c.getresponse().status >= 500)");
    expect(text).toMatch(/^CMD \["gunicorn", "--graceful-timeout", "5", .*"wsgi:application"\]$/m);
  });

  it('uv: uv sync from pyproject.toml and uv.lock, uv mounted from its image, never copied', () => {
    const text = recipes.python({ packageManager: 'uv', uvVersion: '0.8.3' }).toString();
    expectClean(text);
    const nodes = instructions(text);
    expect(nodes.filter((n) => n.keyword === 'FROM')).toHaveLength(1);
    const run = nodes.find(
      (n) => n.keyword === 'RUN' && viewRun(n).command.toString().includes('uv sync'),
    ) as InstructionNode;
    expect(viewRun(run).command.toString().replace(/\s+/g, ' ')).toBe(
      'groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app && UV_PROJECT_ENVIRONMENT=/opt/venv UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1 uv sync --project /tmp/project --locked --no-dev --no-install-project',
    );
    expect(mountsOf(run)).toEqual([
      { type: 'bind', target: '/bin/uv', source: '/uv', from: 'ghcr.io/astral-sh/uv:0.8.3' },
      { type: 'cache', target: '/root/.cache/uv', source: undefined, from: undefined },
      {
        type: 'bind',
        target: '/tmp/project/pyproject.toml',
        source: 'pyproject.toml',
        from: undefined,
      },
      { type: 'bind', target: '/tmp/project/uv.lock', source: 'uv.lock', from: undefined },
    ]);
    expect(text).toContain('PATH="/opt/venv/bin:${PATH}"');
    expect(text).not.toMatch(/^COPY --from/m);
    // A package uv.lock lacks goes into uv's venv with the image's pip.
    expect(
      recipes.python({ packageManager: 'uv', extraPackages: ['gunicorn>=20.1,<24'] }).toString(),
    ).toContain(
      '&& pip --python /opt/venv/bin/python install --disable-pip-version-check "gunicorn>=20.1,<24"',
    );
  });

  it('poetry: Poetry in a venv of its own stage, mounted to export the lock where pip installs it with hashes', () => {
    const text = recipes.python({ packageManager: 'poetry', poetryVersion: '1.8.5' }).toString();
    expectClean(text);
    const [poetry = '', runtime = ''] = text.split(
      /^FROM python:\$\{PYTHON_VERSION\}-slim AS runtime$/m,
    );
    expect(poetry).toContain('FROM python:${PYTHON_VERSION}-slim AS poetry');
    expect(poetry).toContain(
      'python -m venv --without-pip --system-site-packages /opt/poetry \\\n    && /opt/poetry/bin/python -m pip install --disable-pip-version-check "poetry==1.8.5"\n',
    );
    // Nothing of the project's in Poetry's stage: its layer is made once per Poetry version.
    expect(poetry).not.toMatch(/source=(pyproject\.toml|poetry\.lock)|^COPY /m);
    expect(runtime).toContain(
      '--mount=type=bind,target=/opt/poetry,source=/opt/poetry,from=poetry',
    );
    expect(runtime).toContain(
      '--mount=type=bind,target=/tmp/project/poetry.lock,source=poetry.lock',
    );
    expect(runtime).toContain(
      '&& /opt/poetry/bin/python -m poetry --directory /tmp/project export --only main --format requirements.txt --output /tmp/requirements.txt \\\n' +
        '    && pip install --disable-pip-version-check --root-user-action=ignore --no-deps --require-hashes -r /tmp/requirements.txt \\\n' +
        '    && rm /tmp/requirements.txt\n',
    );
    expect(runtime.indexOf('poetry export')).toBeLessThan(runtime.indexOf('COPY'));
    expect(runtime).not.toMatch(/poetry==/);
    // Poetry 2 no longer brings its export plugin.
    expect(recipes.python({ packageManager: 'poetry' }).toString()).toContain(
      '"poetry==2.1.3" poetry-plugin-export',
    );
    // --directory came with Poetry 1.3.
    expect(() => recipes.python({ packageManager: 'poetry', poetryVersion: '1.2.2' })).toThrow(
      /poetryVersion must be 1\.3 or later/,
    );
  });

  it('a command and health probes of its own', () => {
    const text = recipes
      .python({
        command: ['sh', '-c', 'exec gunicorn app:app --bind 0.0.0.0:$PORT'],
        healthcheck: { tcp: true },
      })
      .toString();
    expectClean(text);
    expect(text).toMatch(/^CMD \["sh", "-c", "exec gunicorn app:app --bind 0\.0\.0\.0:\$PORT"\]$/m);
    expect(text).toContain('socket.create_connection');
    expect(recipes.python({ healthcheck: false }).toString()).not.toContain('HEALTHCHECK');
  });

  it('returns a builder that a build script extends', () => {
    const text = recipes
      .python()
      .label('org.opencontainers.image.source', 'https://example.com/repo')
      .toString();
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'LABEL org.opencontainers.image.source=https://example.com/repo',
    );
  });
});

/** Yarn 1's pin, read from package.json (two-space indent, as package managers write it). */
const YARN_PIN = `pinned="$(sed -n '/^ "packageManager": "yarn@\\([0-9.]*\\)",\\{0,1\\}$/{s//\\1/p;q;}' package.json)"`;
/** The image's own yarn is the pinned release: its package.json says so. */
const IMAGE_YARN_IS_PINNED =
  '[ -n "$pinned" ] && yarn_bin="$(command -v yarn)" && grep -Fqsx " \\"version\\": \\"$pinned\\"," "$(dirname "$(readlink -f "$yarn_bin")")/../package.json"';

describe('recipes.node', () => {
  it.each([
    ['npm', 'package-lock.json', '/root/.npm', 'npm ci --omit=dev', false],
    [
      'pnpm',
      'pnpm-lock.yaml',
      '/root/.local/share/pnpm/store',
      'corepack pnpm install --prod --frozen-lockfile',
      true,
    ],
    [
      'yarn',
      'yarn.lock',
      '/usr/local/share/.cache/yarn',
      'corepack yarn install --frozen-lockfile --production',
      true,
    ],
    [
      'yarn-berry',
      'yarn.lock',
      '/root/.yarn/berry',
      'corepack yarn workspaces focus --all --production',
      true,
    ],
  ] as const)(
    '%s: production deps installed in the runtime stage from the manifests alone, then the source',
    (pm, lockfile, cache, install, corepack) => {
      const text = recipes.node({ packageManager: pm }).toString();
      expectClean(text);
      const nodes = instructions(text);
      expect(nodes.filter((n) => n.keyword === 'FROM').map((n) => n.args.join(' '))).toEqual([
        'node:${NODE_VERSION}-slim AS runtime',
      ]);
      const runs = nodes.filter((n) => n.keyword === 'RUN');
      expect(runs).toHaveLength(1);
      const command = viewRun(runs[0] as InstructionNode)
        .command.toString()
        .replace(/\s+/g, ' ');
      // pnpm and Yarn: corepack first, installed from npm where the image lacks it (Node 25+);
      // Yarn 1 only when the image's own yarn is not the pinned release.
      const ensure = '(command -v corepack >/dev/null || npm install -g --force corepack@0.34.7)';
      expect(command).toBe(
        pm === 'yarn'
          ? `${YARN_PIN} && if ${IMAGE_YARN_IS_PINNED}; then yarn install --frozen-lockfile --production; else ${ensure} && ${install}; fi && chown node:node /app`
          : corepack
            ? `${ensure} && ${install} && chown node:node /app`
            : `${install} && chown node:node /app`,
      );
      const mounts = mountsOf(runs[0] as InstructionNode);
      expect(mounts).toEqual(
        expect.arrayContaining([
          { type: 'bind', target: 'package.json', source: 'package.json', from: undefined },
          { type: 'bind', target: lockfile, source: lockfile, from: undefined },
          expect.objectContaining({ type: 'cache', target: cache }),
        ]),
      );
      expect(mounts.some((m) => m.target === '/root/.cache/node/corepack')).toBe(corepack);
      // Yarn 1 corrupts a cache two stages fill at once: they take turns on it.
      expect(text.includes(`--mount=type=cache,target=${cache},sharing=locked`)).toBe(
        pm === 'yarn',
      );
      const copies = nodes
        .filter((n) => n.keyword === 'COPY')
        .map((n) => [...n.flags.map((f) => `--${f.name}=${f.value}`), ...n.args].join(' '));
      expect(copies).toEqual(['--chown=node:node . /app']);
      expect(text).toMatch(/^ENV NODE_ENV=production PORT=3000$/m);
      expect(text).toMatch(/^USER 1000:1000$/m);
      expect(text).toMatch(/^CMD \["node", "server.js"\]$/m);
      const health = viewHealthcheck(
        nodes.find((n) => n.keyword === 'HEALTHCHECK') as InstructionNode,
      );
      expect(health.command).toEqual(['node', '-e', expect.stringContaining("/healthz'")]);
    },
  );

  it.each([
    [
      'the pinned release is the image’s yarn',
      '{\n  "name": "a",\n  "packageManager": "yarn@1.22.22"\n}\n',
      'image',
    ],
    [
      'another release is pinned',
      '{\n  "name": "a",\n  "packageManager": "yarn@1.22.19",\n  "x": 1\n}\n',
      'corepack',
    ],
    ['no packageManager', '{\n  "name": "a"\n}\n', 'corepack'],
    ['a pin with a hash', '{\n  "packageManager": "yarn@1.22.22+sha512.ab12"\n}\n', 'corepack'],
    [
      'a nested packageManager',
      '{\n  "config": {\n    "packageManager": "yarn@1.22.22"\n  },\n  "packageManager": "yarn@1.22.19"\n}\n',
      'corepack',
    ],
    ['package.json on one line', '{"packageManager":"yarn@1.22.22"}\n', 'corepack'],
    [
      'two lines that look like the pin (the first one counts, compared whole)',
      '{\n  "packageManager": "yarn@1.22.2",\n  "x": {\n  "packageManager": "yarn@2"\n}\n}\n',
      'corepack',
    ],
    ['the image has no yarn', '{\n  "packageManager": "yarn@1.22.22"\n}\n', 'corepack', false],
  ] as const)(
    'Yarn 1, %s: the RUN runs the pinned yarn (its shell run on a fake image layout)',
    (_, packageJson, expected, imageHasYarn: boolean = true) => {
      // The official images' layout: /usr/local/bin/yarn -> /opt/yarn-v1.22.22/bin/yarn.
      const root = mkdtempSync(join(tmpdir(), 'sdk-yarn-classic-'));
      try {
        const bin = join(root, 'bin');
        const yarnDir = join(root, 'opt', 'yarn-v1.22.22');
        mkdirSync(join(yarnDir, 'bin'), { recursive: true });
        mkdirSync(bin);
        writeFileSync(
          join(yarnDir, 'package.json'),
          '{\n  "name": "yarn",\n  "version": "1.22.22",\n  "packageManager": "yarn@1.22.17"\n}\n',
        );
        const fake = (path: string, name: string) => {
          writeFileSync(path, `#!/bin/sh\necho "${name} $*"\n`);
          chmodSync(path, 0o755);
        };
        fake(join(yarnDir, 'bin', 'yarn'), 'image');
        if (imageHasYarn) symlinkSync(join(yarnDir, 'bin', 'yarn'), join(bin, 'yarn'));
        fake(join(bin, 'corepack'), 'corepack');
        const app = join(root, 'app');
        mkdirSync(app);
        writeFileSync(join(app, 'package.json'), packageJson);
        const run = instructions(recipes.node({ packageManager: 'yarn' }).toString()).find(
          (n) => n.keyword === 'RUN',
        ) as InstructionNode;
        const script = viewRun(run).command.toString().replace(/\\\n/g, '');
        const out = execFileSync('sh', ['-c', script.replace('chown node:node /app', 'true')], {
          cwd: app,
          encoding: 'utf8',
          env: { PATH: `${bin}:/usr/bin:/bin` },
        });
        expect(out.trim()).toBe(
          expected === 'image'
            ? 'image install --frozen-lockfile --production'
            : 'corepack yarn install --frozen-lockfile --production',
        );
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  );

  it('adds a build stage only with a build script, and ships only its output', () => {
    const text = recipes
      .node({
        packageManager: 'pnpm',
        hasBuildScript: true,
        buildOutput: 'build',
        runtimeFiles: ['views'],
      })
      .toString();
    expectClean(text);
    expect(text).toContain('FROM node:${NODE_VERSION}-slim AS build');
    expect(text).toContain('corepack pnpm install --frozen-lockfile');
    expect(text).toMatch(
      /^RUN --mount=type=cache,target=\/root\/.cache\/node\/corepack corepack pnpm run build$/m,
    );
    // Each stage that runs corepack has it ensured: build and runtime.
    expect(text.match(/npm install -g --force corepack@/g)).toHaveLength(2);
    expect(text).toMatch(/^COPY --from=build --chown=node:node \/app\/build \/app\/build$/m);
    expect(text).toMatch(/^COPY --chown=node:node package.json \/app\/package.json$/m);
    expect(text).toMatch(/^COPY --chown=node:node views \/app\/views$/m);
    expect(text).not.toMatch(/^COPY --chown=node:node \. \/app$/m);
    expect(text).toMatch(/^CMD \["node", "build\/server.js"\]$/m);
    const noBuild = recipes.node({ packageManager: 'pnpm' }).toString();
    expect(noBuild).not.toContain('AS build');
  });

  it('takes the version, port, entry and a pinned package manager release', () => {
    const text = recipes
      .node({
        nodeVersion: '24',
        port: 8080,
        entry: 'src/index.js',
        packageManager: 'pnpm',
        packageManagerVersion: '8.15.9',
      })
      .toString();
    expect(text).toMatch(/^ARG NODE_VERSION=24$/m);
    expect(text).toMatch(/^EXPOSE 8080$/m);
    expect(text).toContain('(process.env.PORT || 8080)');
    expect(text).toContain('corepack pnpm@8.15.9 install --prod --frozen-lockfile');
    expect(text).toMatch(/^CMD \["node", "src\/index.js"\]$/m);
  });

  it("Yarn Plug'n'Play: the cache stays in the image, .pnp.cjs (and the ESM loader) preloaded", () => {
    const text = recipes
      .node({ packageManager: 'yarn-berry', pnp: true, esm: true, installFiles: ['.yarnrc.yml'] })
      .toString();
    expectClean(text);
    expect(text).toContain('YARN_ENABLE_GLOBAL_CACHE=false corepack yarn workspaces focus');
    expect(text).toContain(
      'NODE_OPTIONS="--require /app/.pnp.cjs --experimental-loader /app/.pnp.loader.mjs"',
    );
    expect(text).toMatch(bindOf('.yarnrc.yml'));
  });

  it('an app without a SIGTERM handler gets a preload that ends it on docker stop', () => {
    const text = recipes.node({ entry: 'app.js', exitOnSigterm: true }).toString();
    expect(text).toContain(
      `CMD ["node", "--import", "data:text/javascript,process.once('SIGTERM',()=>{if(process.listenerCount('SIGTERM')===0)process.exit(143)})", "app.js"]`,
    );
  });
});

/** A bind mount of `file` onto the same relative path, either key order. */
function bindOf(file: string): RegExp {
  const f = file.replace(/\./g, '\\.');
  return new RegExp(`type=bind,(target=${f},source=${f}|source=${f},target=${f})`);
}

describe('bad recipe input is refused with a DockerfileBuildError naming the recipe', () => {
  it.each([
    [() => recipes.python({ port: 0 }), 'port must be an integer from 1 to 65535'],
    [() => recipes.node({ port: 70000 }), 'port must be an integer from 1 to 65535'],
    [() => recipes.python({ pythonVersion: '3.12 AS x' }), 'pythonVersion must be an image tag'],
    [() => recipes.node({ nodeVersion: '22\nRUN rm -rf /' }), 'nodeVersion must be an image tag'],
    [() => recipes.python({ app: 'app:app\nRUN x' }), 'app must be a WSGI application'],
    [
      () => recipes.python({ requirements: '../secrets.txt' }),
      'requirements must be a relative path',
    ],
    [() => recipes.python({ gracefulTimeout: 0 }), 'gracefulTimeout must be a positive integer'],
    [
      // @ts-expect-error: not a package manager the recipe knows
      () => recipes.node({ packageManager: 'bun' }),
      'packageManager must be npm, pnpm, yarn or yarn-berry',
    ],
    [
      // @ts-expect-error: not a package manager the recipe knows
      () => recipes.python({ packageManager: 'pipenv' }),
      'packageManager must be pip, uv or poetry',
    ],
    [() => recipes.node({ pnp: true }), 'pnp needs packageManager yarn-berry'],
    [
      () => recipes.node({ packageManagerVersion: '9.0.0' }),
      'packageManagerVersion must be an exact version',
    ],
    [() => recipes.node({ command: [] }), 'command must be a non-empty list'],
    [
      () => recipes.python({ extraPackages: ['gunicorn'] }),
      'extraPackages must be requirements with a version',
    ],
    [
      () => recipes.python({ extraPackages: ['x==1; rm -rf /'] }),
      'extraPackages must be requirements with a version',
    ],
    [
      () => recipes.node({ healthcheck: { http: "/x'); evil('" } }),
      'healthcheck.http must be a path',
    ],
    [
      () => recipes.node({ hasBuildScript: true, buildOutput: '/abs' }),
      'buildOutput must be a relative path',
    ],
    [() => recipes.node({ entry: 'my server.js' }), 'entry must be a relative path'],
  ])('%#: %s', (make, message) => {
    expect(make).toThrow(DockerfileBuildError);
    expect(make).toThrow(message);
  });
});

describe('dockerignore recipes', () => {
  it.each([
    [
      'python',
      recipes.pythonDockerignore().toString(),
      ['.git', '.venv', '**/__pycache__', '.env', 'Dockerfile*'],
    ],
    [
      'node',
      recipes.nodeDockerignore().toString(),
      ['.git', '**/node_modules', '.env', 'Dockerfile*'],
    ],
  ])('%s', (_name, text, patterns) => {
    const lines = text.split('\n');
    for (const p of patterns) expect(lines).toContain(p);
    // The install inputs are never ignored: the bind mounts read them from the context.
    for (const p of [
      'requirements.txt',
      'package.json',
      'package-lock.json',
      'pnpm-lock.yaml',
      'yarn.lock',
    ]) {
      expect(lines).not.toContain(p);
    }
  });
});
