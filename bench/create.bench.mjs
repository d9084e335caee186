// Wall time of one scaffold, create-container-app against create-vite, in one run:
//   node bench/create.bench.mjs        (after `pnpm --filter create-container-app build`)
// Each task spawns the CLI as a user would (a fresh Node process) into a new temporary
// directory, without installing anything: create-container-app with --no-install (flask and
// node), create-vite with its vanilla template. Then the published package of
// create-container-app: packed size (`npm pack --dry-run --json`) and run-time dependencies.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const appDir = join(here, '..', 'apps', 'create-container-app');
const cca = join(appDir, 'dist', 'index.cjs');
const require = createRequire(import.meta.url);
const viteBin = join(dirname(require.resolve('create-vite/package.json')), 'index.js');
if (!existsSync(cca))
  throw new Error(`${cca} is missing: run \`pnpm --filter create-container-app build\``);

const work = mkdtempSync(join(tmpdir(), 'cca-bench-'));
let n = 0;
// No user agent from the runner, no colours: the same conditions for both tools.
const env = { ...process.env, NO_COLOR: '1', npm_config_user_agent: '' };

function scaffold(bin, args, environment = env) {
  const name = `p${n++}`;
  const res = spawnSync(process.execPath, [bin, name, ...args], {
    cwd: work,
    env: environment,
    stdio: 'pipe',
  });
  if (res.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${res.stderr}`);
  if (!existsSync(join(work, name, 'package.json')) && !existsSync(join(work, name, 'app.py'))) {
    throw new Error(`${bin} wrote no project`);
  }
}

// Rounds, not one task after another: each round runs every task once, in a rotating order, so
// a slow spell on the machine falls on all of them alike.
const ccaTask = (template) => ({
  name: `create-container-app --template ${template} --no-install`,
  run: () => scaffold(cca, ['--template', template, '--no-install', '--no-interactive']),
});
const tasks = [
  ccaTask('flask'),
  ccaTask('node'),
  {
    name: 'create-vite --template vanilla --no-interactive',
    run: () => scaffold(viteBin, ['--template', 'vanilla', '--no-interactive']),
  },
];
const VITE = tasks.length - 1;
const WARMUP_ROUNDS = 3;
const ROUNDS = 40;
const samples = tasks.map(() => []);
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (let k = 0; k < tasks.length; k++) {
    const i = (round + k) % tasks.length;
    const start = performance.now();
    tasks[i].run();
    const ms = performance.now() - start;
    if (round >= WARMUP_ROUNDS) samples[i].push(ms);
  }
}
rmSync(work, { recursive: true, force: true });

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const stats = samples.map((list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return {
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
  };
});
console.table(
  tasks.map((task, i) => ({
    task: task.name,
    'mean ms': stats[i].mean.toFixed(1),
    'p50 ms': stats[i].p50.toFixed(1),
    'p99 ms': stats[i].p99.toFixed(1),
    samples: samples[i].length,
  })),
);
const ratio = (i, key) => (stats[i][key] / stats[VITE][key]).toFixed(2);
console.log(
  `create-container-app / create-vite, median wall time: flask ${ratio(0, 'p50')}x, node ${ratio(1, 'p50')}x; mean: flask ${ratio(0, 'mean')}x, node ${ratio(1, 'mean')}x (goal: <= 1.20x)`,
);

// The published package.
const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
  cwd: appDir,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
});
const packed = JSON.parse(pack.stdout)[0];
const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
const runtimeDeps = Object.keys({
  ...manifest.dependencies,
  ...manifest.peerDependencies,
  ...manifest.optionalDependencies,
});
const viteManifest = JSON.parse(readFileSync(require.resolve('create-vite/package.json'), 'utf8'));
console.table([
  {
    package: `${packed.name}@${packed.version}`,
    'packed kB': (packed.size / 1024).toFixed(1),
    'unpacked kB': (packed.unpackedSize / 1024).toFixed(1),
    files: packed.entryCount,
    'run-time deps': runtimeDeps.length,
  },
  {
    package: `create-vite@${viteManifest.version} (for scale)`,
    'packed kB': 'n/a',
    'unpacked kB': 'n/a',
    files: 'n/a',
    'run-time deps': Object.keys(viteManifest.dependencies ?? {}).length,
  },
]);
