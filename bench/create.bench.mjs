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
import { Bench } from 'tinybench';

const here = dirname(fileURLToPath(import.meta.url));
const appDir = join(here, '..', 'apps', 'create-container-app');
const cca = join(appDir, 'dist', 'index.js');
const require = createRequire(import.meta.url);
const viteBin = join(dirname(require.resolve('create-vite/package.json')), 'index.js');
if (!existsSync(cca))
  throw new Error(`${cca} is missing: run \`pnpm --filter create-container-app build\``);

const work = mkdtempSync(join(tmpdir(), 'cca-bench-'));
let n = 0;
// No user agent from the runner, no colours: the same conditions for both tools.
const env = { ...process.env, NO_COLOR: '1', npm_config_user_agent: '' };

function scaffold(bin, args) {
  const name = `p${n++}`;
  const res = spawnSync(process.execPath, [bin, name, ...args], { cwd: work, env, stdio: 'pipe' });
  if (res.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${res.stderr}`);
  if (!existsSync(join(work, name, 'package.json')) && !existsSync(join(work, name, 'app.py'))) {
    throw new Error(`${bin} wrote no project`);
  }
}

const bench = new Bench({ iterations: 30, warmupIterations: 3, time: 0 });
bench
  .add('create-container-app --template flask --no-install', () =>
    scaffold(cca, ['--template', 'flask', '--no-install', '--no-interactive']),
  )
  .add('create-container-app --template node --no-install', () =>
    scaffold(cca, ['--template', 'node', '--no-install', '--no-interactive']),
  )
  .add('create-vite --template vanilla --no-interactive', () =>
    scaffold(viteBin, ['--template', 'vanilla', '--no-interactive']),
  );
await bench.run();
rmSync(work, { recursive: true, force: true });

const rows = bench.tasks.map((t) => {
  const r = t.result;
  const ms = (v) => (v === undefined ? 'n/a' : v.toFixed(1));
  return {
    task: t.name,
    'mean ms': ms(r?.latency?.mean),
    'p50 ms': ms(r?.latency?.p50),
    'p99 ms': ms(r?.latency?.p99),
    samples: r?.latency?.samples?.length ?? 'n/a',
  };
});
console.table(rows);
const p50 = (i) => bench.tasks[i]?.result?.latency?.p50 ?? Number.NaN;
console.log(
  `create-container-app / create-vite (median wall time): flask ${(p50(0) / p50(2)).toFixed(2)}x, node ${(p50(1) / p50(2)).toFixed(2)}x (goal: <= 1.00x)`,
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
