// The dockwright CLI's start-up, and glob matching:
//   node bench/dockwright.bench.mjs        (after `pnpm --filter dockwright... build`)
// 1. Wall time of `--version`, `--help` and a lint and fmt of a small file, each a fresh Node
//    process as a user runs it, beside an empty ES module (Node's own start-up), in rotating
//    rounds so a slow spell falls on all alike.
// 2. compileGlob against the backtracking RegExp globs used to compile to: an everyday glob
//    over every path of this repository, and `**/` repeated against a deep path.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileGlob } from '@dockwright/lint';
import { Bench } from 'tinybench';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'apps', 'dockwright', 'dist', 'index.js');
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run \`pnpm --filter dockwright... build\``);

const work = mkdtempSync(join(tmpdir(), 'dockwright-bench-'));
writeFileSync(join(work, 'empty.mjs'), 'export {};\n');
writeFileSync(
  join(work, 'Dockerfile'),
  'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0\nUSER app\nCMD ["sh"]\n',
);

const tasks = [
  ['node empty.mjs (Node start-up)', [join(work, 'empty.mjs')]],
  ['dockwright --version', [bin, '--version']],
  ['dockwright --help', [bin, '--help']],
  ['dockwright lint Dockerfile', [bin, 'lint', 'Dockerfile']],
  ['dockwright fmt Dockerfile', [bin, 'fmt', 'Dockerfile']],
];
const ROUNDS = 30;
const samples = tasks.map(() => []);
for (let round = 0; round < 3 + ROUNDS; round++) {
  for (let k = 0; k < tasks.length; k++) {
    const i = (round + k) % tasks.length;
    const start = performance.now();
    const res = spawnSync(process.execPath, tasks[i][1], { cwd: work, stdio: 'ignore' });
    if (res.status !== 0) throw new Error(`${tasks[i][0]} exited ${res.status}`);
    if (round >= 3) samples[i].push(performance.now() - start);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nCLI start-up, median of ${ROUNDS} runs (wall time)`);
const base = median(samples[0]);
tasks.forEach(([name], i) => {
  const m = median(samples[i]);
  console.log(
    `  ${name.padEnd(34)} ${m.toFixed(1).padStart(7)} ms${i > 0 ? `  (+${(m - base).toFixed(1)} over Node)` : ''}`,
  );
});

// The translation compileGlob replaced: moby's regular expression, run by V8's backtracking
// engine.
function oldRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') i++;
      re += i + 1 >= glob.length ? '.*' : '(?:.*/)?';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const paths = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full);
    else paths.push(relative(join(here, '..'), full));
  }
};
walk(join(here, '..'));
const everyday = '**/src/**/*.test.ts';
const deepGlob = `${'**/'.repeat(12)}x`;
const deepPath = `${'a/'.repeat(16)}Dockerfile`;
const g = compileGlob(everyday);
const r = oldRegExp(everyday);
const gd = compileGlob(deepGlob);
const rd = oldRegExp(deepGlob);
const bench = new Bench({ time: 1000 });
bench
  .add(`compileGlob ${everyday}, ${paths.length} paths`, () => paths.filter((p) => g.test(p)))
  .add(`RegExp      ${everyday}, ${paths.length} paths`, () => paths.filter((p) => r.test(p)))
  .add(`compileGlob 12 × **/, a 16-directory path`, () => gd.test(deepPath))
  .add(`RegExp      12 × **/, a 16-directory path`, () => rd.test(deepPath));
await bench.run();
console.log('\nGlob matching');
console.table(
  bench.tasks.map((t) => ({
    task: t.name,
    'mean (µs)': (t.result.latency.mean * 1000).toFixed(2),
  })),
);
console.log(`(the RegExp doubles with each directory more: 25 directories took ${'>'}27 s)`);
