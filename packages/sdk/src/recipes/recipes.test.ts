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

FROM python:\${PYTHON_VERSION}-slim AS builder
WORKDIR /app
RUN python -m venv /opt/venv
# Only requirements.txt is needed to install: edits to the source reuse this layer.
RUN --mount=type=cache,target=/root/.cache/pip \\
    --mount=type=bind,target=requirements.txt,source=requirements.txt \\
    /opt/venv/bin/pip install --disable-pip-version-check -r requirements.txt

FROM python:\${PYTHON_VERSION}-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH="/opt/venv/bin:\${PATH}" PORT=8000
RUN groupadd --system --gid 10001 app \\
    && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
COPY --from=builder /opt/venv /opt/venv
# No WORKDIR before this COPY: the COPY creates /app owned by app, so the app can
# write there (\`docker compose watch\` syncs new files into it).
COPY --chown=app:app . /app
WORKDIR /app
USER app
EXPOSE 8000
# Slim images have no curl: probe /healthz with Python itself.
HEALTHCHECK --interval=10s \\
    --timeout=3s \\
    --start-period=5s \\
    --retries=3 \\
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', timeout=2)"]
# gunicorn binds 0.0.0.0:$PORT when PORT is set. Exec form: gunicorn is PID 1 and gets
# docker stop's SIGTERM, then lets requests finish for up to 8 s.
CMD ["gunicorn", "--graceful-timeout", "8", "--worker-tmp-dir", "/dev/shm", "app:app"]
`;

describe('recipes.python', () => {
  it('emits the two-stage venv Dockerfile', () => {
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
        gracefulTimeout: 5,
      })
      .toString();
    expect(text).toMatch(/^ARG PYTHON_VERSION=3\.13$/m);
    expect(text).toMatch(/^EXPOSE 5000$/m);
    expect(text).toContain('PORT=5000');
    expect(text).toContain('target=requirements/prod.txt,source=requirements/prod.txt');
    expect(text).toContain('-r requirements/prod.txt');
    expect(text).toMatch(/^CMD \["gunicorn", "--graceful-timeout", "5", .*"wsgi:application"\]$/m);
    expectClean(text);
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
  ] as const)(
    '%s: production deps from the manifests alone, then the source',
    (pm, lockfile, cache, install, corepack) => {
      const text = recipes.node({ packageManager: pm }).toString();
      expectClean(text);
      const nodes = instructions(text);
      expect(nodes.filter((n) => n.keyword === 'FROM').map((n) => n.args.join(' '))).toEqual([
        'node:${NODE_VERSION}-slim AS deps',
        'node:${NODE_VERSION}-slim AS runtime',
      ]);
      const runs = nodes.filter((n) => n.keyword === 'RUN');
      const run = runs.find((n) => viewRun(n).command.toString().includes(install));
      expect(run).toBeDefined();
      // pnpm and yarn: corepack first, installed from npm where the image lacks it (Node 25+).
      const ensure = runs.filter((n) => viewRun(n).command.toString().includes('corepack@'));
      expect(ensure).toHaveLength(corepack ? 1 : 0);
      if (corepack) {
        const view = viewRun(ensure[0] as InstructionNode);
        expect(view.command).toBe(
          'command -v corepack >/dev/null || npm install -g --force corepack@0.34.7',
        );
        expect(view.mounts.map((m) => [m.type, m.target])).toEqual([['cache', '/root/.npm']]);
        expect(nodes.indexOf(ensure[0] as InstructionNode)).toBeLessThan(
          nodes.indexOf(run as InstructionNode),
        );
      }
      const view = viewRun(run as InstructionNode);
      const mounts = view.mounts.map((m) => ({
        type: m.type,
        target: m.target,
        source: 'source' in m ? m.source : undefined,
      }));
      expect(mounts).toEqual(
        expect.arrayContaining([
          { type: 'bind', target: 'package.json', source: 'package.json' },
          { type: 'bind', target: lockfile, source: lockfile },
          expect.objectContaining({ type: 'cache', target: cache }),
        ]),
      );
      expect(mounts.some((m) => m.target === '/root/.cache/node/corepack')).toBe(corepack);
      expect(text).toContain(install);
      // The runtime stage: node_modules from deps, the source last, owned by node; node itself runs.
      const copies = nodes
        .filter((n) => n.keyword === 'COPY')
        .map((n) => [...n.flags.map((f) => `--${f.name}=${f.value}`), ...n.args].join(' '));
      expect(copies).toEqual([
        '--from=deps --chown=node:node /app/node_modules /app/node_modules',
        '--chown=node:node . /app',
      ]);
      expect(text).toMatch(/^ENV NODE_ENV=production PORT=3000$/m);
      expect(text).toMatch(/^USER node$/m);
      expect(text).toMatch(/^CMD \["node", "server.js"\]$/m);
      const health = viewHealthcheck(
        nodes.find((n) => n.keyword === 'HEALTHCHECK') as InstructionNode,
      );
      expect(health.command).toEqual(['node', '-e', expect.stringContaining("/healthz')")]);
    },
  );

  it('adds a build stage only with a build script, and ships only its output', () => {
    const text = recipes
      .node({ packageManager: 'pnpm', hasBuildScript: true, buildOutput: 'build' })
      .toString();
    expectClean(text);
    expect(text).toContain('FROM node:${NODE_VERSION}-slim AS build');
    expect(text).toContain('corepack pnpm install --frozen-lockfile');
    expect(text).toMatch(/^RUN corepack pnpm run build$/m);
    // Each stage that runs corepack has it ensured: deps and build.
    expect(text.match(/npm install -g --force corepack@/g)).toHaveLength(2);
    expect(text).toMatch(/^COPY --from=build --chown=node:node \/app\/build \/app\/build$/m);
    expect(text).toMatch(/^COPY --chown=node:node package.json \/app\/package.json$/m);
    expect(text).not.toMatch(/^COPY --chown=node:node \. \/app$/m);
    expect(text).toMatch(/^CMD \["node", "build\/server.js"\]$/m);
    const noBuild = recipes.node({ packageManager: 'pnpm' }).toString();
    expect(noBuild).not.toContain('AS build');
  });

  it('takes the version, port and entry', () => {
    const text = recipes.node({ nodeVersion: '24', port: 8080, entry: 'src/index.js' }).toString();
    expect(text).toMatch(/^ARG NODE_VERSION=24$/m);
    expect(text).toMatch(/^EXPOSE 8080$/m);
    expect(text).toContain('(process.env.PORT || 8080)');
    expect(text).toMatch(/^CMD \["node", "src\/index.js"\]$/m);
  });
});

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
    // @ts-expect-error: not a package manager the recipe knows
    [() => recipes.node({ packageManager: 'bun' }), 'packageManager must be npm, pnpm or yarn'],
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
