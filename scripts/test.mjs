// `pnpm test` (and `pnpm test:unit`): every package's tests through turbo, one package at a
// time, then one summary of all of them: passed, failed and skipped tests, with the skipped
// ones named (turbo's own summary counts tasks, so skipped engine tests would go unseen).
//
//   node scripts/test.mjs          all tests; engine tests skip when no engine answers (and
//                                  fail when CI=true)
//   node scripts/test.mjs --unit   no engine: DOCKWRIGHT_ENGINE_TESTS=skip
//   … --filter=<package>           other arguments go to turbo
//
// Each package's vitest also writes a JSON report (.vitest-report.json, git-ignored) that this
// script reads back.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root, workspacePackages } from './lib/workspace.mjs';

const unit = process.argv.includes('--unit');
const REPORT = '.vitest-report.json';
const started = Date.now();

// Every workspace package with a test script, private ones included.
const packageDirs = workspacePackages()
  .filter((p) => p.manifest.scripts?.test)
  .map((p) => p.dir);
for (const dir of packageDirs) rmSync(join(dir, REPORT), { force: true });

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
if (unit) env.DOCKWRIGHT_ENGINE_TESTS = 'skip';
const turbo = join(root, 'node_modules/.bin/turbo');
// Other arguments go to turbo: `pnpm test --filter=@dockwright/sdk`.
const turboArgs = process.argv.slice(2).filter((a) => a !== '--unit');
const args = [
  'run',
  'test',
  '--concurrency=1',
  // Every package's tests run, also after one fails: the summary shows all of them.
  '--continue',
  ...turboArgs,
  '--',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${REPORT}`,
];
const code = await new Promise((resolve) => {
  const child = spawn(turbo, args, { cwd: root, env, stdio: 'inherit' });
  child.on('close', (c, signal) => resolve(signal ? 1 : (c ?? 1)));
});

/** @type {{ pkg: string, passed: number, failed: number, skipped: number, names: string[] }[]} */
const rows = [];
for (const dir of packageDirs) {
  const file = join(dir, REPORT);
  if (!existsSync(file) || statSync(file).mtimeMs < started) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  /** @type {string[]} */
  const names = [];
  for (const suite of report.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (t.status === 'skipped' || t.status === 'pending' || t.status === 'todo') {
        names.push(`${relative(dir, suite.name)} > ${t.fullName}`);
      }
    }
  }
  rows.push({
    pkg: relative(root, dir),
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    names,
  });
  rmSync(file, { force: true });
}

const sum = (/** @type {'passed' | 'failed' | 'skipped'} */ k) =>
  rows.reduce((n, r) => n + r[k], 0);
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\n==================== Test summary (${seconds} s) ====================`);
for (const r of rows) {
  console.log(
    `${r.pkg.padEnd(28)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(4)} skipped`,
  );
}
const skipped = rows.flatMap((r) => r.names.map((n) => `${r.pkg}/${n}`));
// Heavy or privileged tests name the variable that turns them on (`… (DOCKWRIGHT_ATTACK_TESTS=1)`);
// the others skip only for want of an engine (or by DOCKWRIGHT_ENGINE_TESTS=skip).
const flagged = skipped.filter((n) => /\b[A-Z][A-Z0-9_]*=1\b/.test(n));
const engine = skipped.filter((n) => !flagged.includes(n));
/** @param {string} why @param {string[]} names */
const listSkipped = (why, names) => {
  if (names.length === 0) return;
  console.log(`\nSkipped (${why}):`);
  const shown = names.slice(0, 40);
  for (const n of shown) console.log(`  - ${n}`);
  if (names.length > shown.length) console.log(`  … and ${names.length - shown.length} more`);
};
listSkipped(
  unit
    ? 'DOCKWRIGHT_ENGINE_TESTS=skip (pnpm test:unit)'
    : 'no Docker engine answered: bash scripts/docker-sandbox.sh up && eval "$(bash scripts/docker-sandbox.sh env)"',
  engine,
);
listSkipped('off unless the variable in the name is set; see README.md', flagged);
if (code !== 0 && sum('failed') === 0)
  console.log('\nturbo failed outside the test counts: see its output above');
console.log(`\ntests: ${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
process.exitCode = code;
