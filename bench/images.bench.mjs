// Images and builds of create-container-app's templates beside the layouts `docker init` and
// `@flydotio/dockerfile` write for the same apps (bench/reference/, see its README), built in
// one run on the same stand-in base images of the sandbox engine:
//   node bench/images.bench.mjs          (after `pnpm --filter create-container-app build`)
//   BENCH_ROUNDS=5 BENCH_TEMPLATES=flask-pip,node-npm BENCH_LAYOUTS='docker init' node bench/images.bench.mjs
// (BENCH_TAG_PREFIX, default `cca-bench`, starts every image tag: give each run on a shared
// engine its own.)
// For each template and layout: the bytes the image adds over its base; the cold build
// (`--no-cache`: every layer built again; Docker 20.10's BuildKit, the sandbox engine, also
// starts every cache mount empty then, so each layout downloads everything, as a CI runner
// without a cache does); the rebuild after a
// dependency change (one package added to the manifest and lockfile, and taken out again in the
// next round); and how many steps a docs-only edit (README.md) runs again. Medians of
// BENCH_ROUNDS rounds (default 2; fly's cold builds install compilers with apt, so a full run takes
// about half an hour on 2 cores). Without an engine it says so and exits 0.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cca = join(here, '..', 'apps', 'create-container-app', 'dist', 'index.cjs');
const reference = join(here, 'reference');
const DOCKER = process.env.DOCKWRIGHT_DOCKER ?? '/usr/bin/docker';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ONLY = process.env.BENCH_TEMPLATES?.split(',');
/** Reference layouts to build (by name, e.g. `docker init`); create-container-app's always. */
const LAYOUTS = process.env.BENCH_LAYOUTS?.split(',');
/** Start of every image tag, so two runs sharing an engine never build over each other's. */
const TAG_PREFIX = process.env.BENCH_TAG_PREFIX ?? 'cca-bench';

const docker = (args, options = {}) =>
  spawnSync(DOCKER, args, {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '1', ...options.env },
    cwd: options.cwd,
    input: options.input,
    maxBuffer: 64 * 1024 * 1024,
  });

if (docker(['info']).status !== 0) {
  console.log(
    `images.bench: skipped, no Docker engine answers at DOCKER_HOST=${process.env.DOCKER_HOST ?? '(unset)'}. Start one with: bash scripts/docker-sandbox.sh up, then eval "$(bash scripts/docker-sandbox.sh env)"`,
  );
  process.exit(0);
}
if (!existsSync(cca))
  throw new Error(`${cca} is missing: run pnpm --filter create-container-app build`);

const {
  WHEELHOUSE_REQUIREMENTS,
  fitPoetryProject,
  fitUvProject,
  poetryContentHash,
  poetryLock,
  uvLock,
  wheelhouse,
} = await import('../apps/create-container-app/test/wheelhouse.mjs');
const wheels = await wheelhouse();
const COREPACK = {
  COREPACK_INTEGRITY_KEYS: '0',
  COREPACK_NPM_REGISTRY: 'https://registry.npmjs.org',
};
const work = mkdtempSync(join(tmpdir(), 'cca-images-bench-'));

function run(cmd, args, cwd, env = {}) {
  const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (res.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${res.stderr}${res.stdout}`);
  return res;
}

/** Scaffolds a template into work/<id>, fitted to the offline wheelhouse (Python). */
async function scaffold(id, args) {
  const res = spawnSync(process.execPath, [cca, id, ...args, '--no-interactive'], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ...COREPACK, NO_COLOR: '1' },
  });
  if (res.status !== 0 && res.status !== 1) throw new Error(`scaffold ${id}: ${res.stderr}`);
  return join(work, id);
}

// Dependency changes: state A is the project as scaffolded, state B has one package more.
// Python's is blinker (Flask 3 needs it): a wheel the stand-in base's own Python does not
// already hold, so every layout really installs it.
const pythonChange = (dir, file) => {
  const a = readFileSync(join(dir, file), 'utf8');
  return { files: { [file]: [a, `${a}blinker==1.9.0\n`] } };
};
async function uvChange(dir) {
  const py = readFileSync(join(dir, 'pyproject.toml'), 'utf8');
  const pyB = py.replace('"gunicorn>=23.0.0",', '"gunicorn>=23.0.0",\n    "blinker>=1.9",');
  if (pyB === py)
    throw new Error(`uv bench: no gunicorn requirement to add blinker after in ${dir}`);
  const name = /^name = "([^"]+)"/m.exec(py)[1];
  const lock = (deps) => uvLock({ name, version: '0.1.0', dependencies: deps }, wheels);
  return {
    files: {
      'pyproject.toml': [py, pyB],
      'uv.lock': [lock(['flask', 'gunicorn']), lock(['blinker', 'flask', 'gunicorn'])],
      ...pythonChange(dir, 'requirements.txt').files,
    },
  };
}
async function poetryChange(dir) {
  const py = readFileSync(join(dir, 'pyproject.toml'), 'utf8');
  const pyB = `${py}blinker = "*"\n`;
  const lockA = poetryLock(['flask', 'gunicorn'], wheels, await poetryContentHash(dir));
  writeFileSync(join(dir, 'pyproject.toml'), pyB);
  const lockB = poetryLock(['flask', 'gunicorn', 'blinker'], wheels, await poetryContentHash(dir));
  writeFileSync(join(dir, 'pyproject.toml'), py);
  return {
    files: {
      'pyproject.toml': [py, pyB],
      'poetry.lock': [lockA, lockB],
      ...pythonChange(dir, 'requirements.txt').files,
    },
  };
}
/** Node: package.json gains `ms`, the lockfile is made again by the package manager itself. */
function nodeChange(dir, pm, lockfile) {
  const pkg = readFileSync(join(dir, 'package.json'), 'utf8');
  const json = JSON.parse(pkg);
  json.dependencies = { ...json.dependencies, ms: '^2.1.3' };
  const scratch = mkdtempSync(join(work, 'lock-'));
  cpSync(dir, scratch, { recursive: true });
  writeFileSync(join(scratch, 'package.json'), `${JSON.stringify(json, null, 2)}\n`);
  const command = {
    npm: ['npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund']],
    pnpm: [
      'corepack',
      ['pnpm', 'install', '--lockfile-only', '--ignore-scripts', '--ignore-workspace'],
    ],
    yarn: ['corepack', ['yarn', 'install', '--ignore-scripts', '--ignore-engines']],
    'yarn-berry': ['corepack', ['yarn', 'install', '--mode=update-lockfile']],
  }[pm];
  run(command[0], command[1], scratch, { ...COREPACK, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' });
  return {
    files: {
      'package.json': [pkg, readFileSync(join(scratch, 'package.json'), 'utf8')],
      [lockfile]: [
        readFileSync(join(dir, lockfile), 'utf8'),
        readFileSync(join(scratch, lockfile), 'utf8'),
      ],
    },
  };
}

const TEMPLATES = [
  {
    id: 'flask-pip',
    args: ['--template', 'flask', '--package-manager', 'pip'],
    base: 'python:3.12-slim',
    prepare: (dir) => writeFileSync(join(dir, 'requirements.txt'), WHEELHOUSE_REQUIREMENTS),
    change: (dir) => pythonChange(dir, 'requirements.txt'),
    references: [['docker init', 'docker-init.flask-pip.Dockerfile', 'docker-init.dockerignore']],
  },
  {
    id: 'flask-uv',
    args: ['--template', 'flask', '--package-manager', 'uv', '--no-install'],
    base: 'python:3.12-slim',
    prepare: (dir) => {
      fitUvProject(dir, wheels);
      writeFileSync(join(dir, 'requirements.txt'), WHEELHOUSE_REQUIREMENTS); // for docker init's layout
    },
    change: uvChange,
    references: [
      ['uv guide', 'uv-guide.flask-uv.Dockerfile', 'docker-init.dockerignore'],
      ['docker init (pip)', 'docker-init.flask-pip.Dockerfile', 'docker-init.dockerignore'],
    ],
  },
  {
    id: 'flask-poetry',
    args: ['--template', 'flask', '--package-manager', 'poetry', '--no-install'],
    base: 'python:3.12-slim',
    prepare: async (dir) => {
      // Debian's Poetry 1.3.2 reads [tool.poetry] only (see test/engine.test.ts).
      await fitPoetryProject(dir, wheels);
      run(
        process.execPath,
        [
          cca,
          '--existing',
          dir,
          '--overwrite=Dockerfile,.dockerignore,compose.yaml,compose.watch.yaml',
          '--no-interactive',
        ],
        work,
      );
      writeFileSync(join(dir, 'requirements.txt'), WHEELHOUSE_REQUIREMENTS);
    },
    change: poetryChange,
    references: [
      ['docker init (pip)', 'docker-init.flask-pip.Dockerfile', 'docker-init.dockerignore'],
    ],
  },
  ...[
    ['node-npm', 'npm', 'npm', 'package-lock.json', ['docker init', 'fly']],
    ['node-pnpm', 'pnpm', 'pnpm', 'pnpm-lock.yaml', ['docker init', 'docker init (ARG in scope)']],
    ['node-yarn', 'yarn', 'yarn', 'yarn.lock', ['docker init']],
    ['node-yarn4', 'yarn@4', 'yarn-berry', 'yarn.lock', []],
  ].map(([id, flag, pm, lockfile, refs]) => ({
    id,
    args: ['--template', 'node', '--package-manager', flag],
    base: 'node:22-slim',
    change: (dir) => nodeChange(dir, pm, lockfile),
    references: refs.map((r) =>
      r === 'fly'
        ? ['fly', `fly.${id}.Dockerfile`, 'fly.dockerignore']
        : r === 'docker init'
          ? ['docker init', `docker-init.${id}.Dockerfile`, 'docker-init.dockerignore']
          : // docker init's layout with its one bug mended (see bench/reference/README.md).
            [r, `docker-init-arg-in-scope.${id}.Dockerfile`, 'docker-init.dockerignore'],
    ),
  })),
  {
    id: 'node-ts-yarn',
    args: ['--template', 'node-ts', '--package-manager', 'yarn'],
    base: 'node:22-slim',
    change: (dir) => nodeChange(dir, 'yarn', 'yarn.lock'),
    // docker init and fly write no TypeScript layout for Yarn: create-container-app's alone.
    references: [],
  },
  {
    id: 'node-ts-npm',
    args: ['--template', 'node-ts', '--package-manager', 'npm'],
    base: 'node:22-slim',
    change: (dir) => nodeChange(dir, 'npm', 'package-lock.json'),
    references: [
      ['docker init', 'docker-init.node-ts-npm.Dockerfile', 'docker-init.dockerignore'],
      ['fly', 'fly.node-ts-npm.Dockerfile', 'fly.dockerignore'],
    ],
  },
].filter((t) => !ONLY || ONLY.includes(t.id));

/**
 * A dependency state as written in round `round` of this run: the manifest carries the run, the
 * template and the round, so no rebuild finds its inputs built before (states A and B alternate, layouts of
 * two templates share a Dockerfile, and BuildKit's cache outlives a run) and every one really
 * installs.
 */
const RUN_ID = randomBytes(4).toString('hex');
function marked(file, text, template, round) {
  const mark = `${RUN_ID}-${template}-${round}`;
  if (file === 'package.json')
    return `${JSON.stringify({ ...JSON.parse(text), benchRound: mark }, null, 2)}\n`;
  if (file === 'requirements.txt' || file === 'pyproject.toml')
    return `${text}\n# bench round ${mark}\n`;
  return text;
}

/** A name as a tag or directory part: `docker init (pip)` → `docker-init-pip`. */
const slug = (name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
/** The middle value, or the mean of the middle two (with 2 rounds: their mean, not the slower). */
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sizeOf = (image) =>
  Number(docker(['image', 'inspect', '-f', '{{.Size}}', image]).stdout.trim());

function build(dir, tag, noCache = false) {
  const start = performance.now();
  const res = docker(
    ['build', '--progress=plain', ...(noCache ? ['--no-cache'] : []), '-t', tag, '.'],
    { cwd: dir },
  );
  const ms = performance.now() - start;
  const output = res.stderr + res.stdout;
  if (res.status !== 0) return { ok: false, ms, output };
  return { ok: true, ms, output };
}

/** Steps of a build that ran again (not CACHED): instructions only, FROM lines left out. */
function stepsRun(output) {
  const lines = output.split('\n');
  const ids = new Set();
  for (const line of lines) {
    const m = /^(#\d+) \[[^\]]*\d+\/\d+\] (\S+)/.exec(line);
    if (m && m[2] !== 'FROM') ids.add(m[1]);
  }
  return [...ids].filter((id) => !lines.some((l) => l.trim() === `${id} CACHED`)).length;
}

/** The 1-minute load average, for the closing line: how shared the machine was. */
const load = () => loadavg()[0].toFixed(1);
const loadAtStart = load();
const rows = [];
for (const template of TEMPLATES) {
  const firstRow = rows.length;
  const dir = await scaffold(`bench-${template.id}`, template.args);
  await template.prepare?.(dir);
  const change = await template.change(dir);
  const layouts = [
    { name: 'create-container-app', dir },
    ...template.references
      .filter(([name]) => !LAYOUTS || LAYOUTS.includes(name))
      .map(([name, dockerfile, ignore]) => {
        const copy = join(work, `${template.id}-${slug(name)}`);
        cpSync(dir, copy, { recursive: true });
        cpSync(join(reference, dockerfile), join(copy, 'Dockerfile'));
        cpSync(join(reference, ignore), join(copy, '.dockerignore'));
        return { name, dir: copy };
      }),
  ].map((l) => ({
    ...l,
    tag: `${TAG_PREFIX}-${template.id}-${slug(l.name)}:bench`,
    cold: [],
    dep: [],
  }));
  const base = sizeOf(template.base);
  /** A round's build: its time, or the layout marked failed (a failed build is no figure). */
  const timed = (layout, noCache) => {
    const res = build(layout.dir, layout.tag, noCache);
    if (!res.ok && !layout.failed) {
      layout.failed = true;
      console.error(
        `${template.id} / ${layout.name}: a round's build fails:\n${res.output.slice(-1500)}`,
      );
    }
    return res;
  };
  const working = layouts.filter((layout) => {
    const first = build(layout.dir, layout.tag);
    if (!first.ok) {
      rows.push({ template: template.id, layout: layout.name, 'added MB': 'build fails' });
      console.error(
        `${template.id} / ${layout.name}: the build fails:\n${first.output.slice(-1500)}`,
      );
    }
    return first.ok;
  });
  // Rounds, each building every layout in a rotating order, so a slow spell on the shared
  // machine falls on all of them alike.
  for (let round = 0; round < ROUNDS; round++) {
    const order = working.map((_, i) => working[(i + round) % working.length]);
    for (const layout of order) layout.cold.push(timed(layout, true).ms);
    for (const layout of order) {
      for (const [file, states] of Object.entries(change.files)) {
        writeFileSync(
          join(layout.dir, file),
          marked(file, states[(round + 1) % 2], template.id, round),
        );
      }
      layout.dep.push(timed(layout, false).ms);
    }
  }
  for (const layout of working) {
    if (layout.failed) {
      rows.push({ template: template.id, layout: layout.name, 'added MB': 'a round fails' });
      docker(['image', 'rm', '-f', layout.tag]);
      continue;
    }
    // Back to state A, built, then a docs-only edit.
    for (const [file, states] of Object.entries(change.files))
      writeFileSync(join(layout.dir, file), states[0]);
    build(layout.dir, layout.tag);
    const readme = join(layout.dir, 'README.md');
    writeFileSync(
      readme,
      `${existsSync(readme) ? readFileSync(readme, 'utf8') : ''}\nA docs-only edit.\n`,
    );
    const docs = build(layout.dir, layout.tag);
    rows.push({
      template: template.id,
      layout: layout.name,
      'added MB': ((sizeOf(layout.tag) - base) / 1e6).toFixed(1),
      'cold s': (median(layout.cold) / 1000).toFixed(1),
      'dep change s': (median(layout.dep) / 1000).toFixed(1),
      'docs edit: steps run': stepsRun(docs.output),
    });
    docker(['image', 'rm', '-f', layout.tag]);
  }
  // Each template's rows as soon as they are measured: a long run stopped early keeps them.
  console.table(rows.slice(firstRow));
}
rmSync(work, { recursive: true, force: true });
console.log('All templates:');
console.table(rows);
console.log(
  `Medians of ${ROUNDS} rounds, one run, same engine and stand-in bases; load average ${loadAtStart} at the start, ${load()} at the end on ${availableParallelism()} cores. The machine is shared, so compare rows side by side, not across runs.`,
);
