// Lint throughput on the bench corpus (every Dockerfile fixture, repeated to 1 MB of separate
// files), side by side with dockerfile-utils' validate in one run: @dockwright/lint with every
// rule on (the off-by-default and experimental ones enabled, a registry list and a label schema
// so DL3026 and the label rules work), without ShellCheck, and then with ShellCheck (the jobs of
// every file in one runShellcheck call, as the CLI runs it) on the first 128 KB of the corpus:
// ShellCheck takes milliseconds per script, the whole corpus would take minutes.
//
// How the rows without ShellCheck are measured: each task runs in a process of its own (the same
// corpus, the same warm-up, then timed passes), and the tasks take turns, round after round, in a
// rotating order. In one shared process a task's figure depends on what ran before it (what V8
// has optimised, how large the heap has grown): the same row moved 20% with the order of the
// rows. The machine is shared and has slow spells: taking turns spreads them over every task
// rather than over whichever row was running. Each row's figure is the median of all its passes.
//
//   BENCH_LINT_ROUNDS (default 4), BENCH_LINT_PASSES (timed passes per round, default 8),
//   BENCH_LINT_WARMUP_MS (default 2000)
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createLinter, lint, shellcheckJobs } from '@dockwright/lint';
import { findShellcheck, runShellcheck } from '@dockwright/lint/shellcheck';
import { validate } from 'dockerfile-utils';
import { corpusFiles } from './corpus.mjs';
import { everyRule } from './lint-options.mjs';

const ROUNDS = Number(process.env.BENCH_LINT_ROUNDS ?? 4);
const PASSES = Number(process.env.BENCH_LINT_PASSES ?? 8);
const WARMUP_MS = Number(process.env.BENCH_LINT_WARMUP_MS ?? 2000);

const { files, bytes } = corpusFiles(1 << 20);
const MB = bytes / 1048576;

// The options objects are made once, as a caller keeps its configuration: in a loop,
// `{ ...everyRule, fixes: false }` costs about 1 µs each time on Node 20 (V8 gives every such
// object a map of its own), which would be measured as lint's time.
const noFixes = { ...everyRule, fixes: false };

/** The rows without ShellCheck: one pass over the corpus each. */
const TASKS = {
  'lint() per file, every rule, no ShellCheck, with fixes (its default)': () => {
    for (const text of files) lint(text, everyRule);
  },
  'lint() per file, every rule, no ShellCheck, no fixes (what validate gives)': () => {
    for (const text of files) lint(text, noFixes);
  },
  // As the CLI lints many files: one linter for the configuration, then file after file.
  'createLinter once (as the CLI), every rule, no ShellCheck, no fixes': () => {
    const linter = createLinter(noFixes);
    for (const text of files) linter.lint(text);
  },
  'dockerfile-utils validate': () => {
    for (const text of files) validate(text);
  },
};
const [WITH_FIXES, NO_FIXES, AS_CLI, UTILS] = Object.keys(TASKS);

const taskArg = process.argv.indexOf('--task');
if (taskArg >= 0) {
  // One task in a process of its own: warm up, then print the timed passes (ms) as JSON.
  const run = TASKS[process.argv[taskArg + 1]];
  if (!run) throw new Error(`no task ${process.argv[taskArg + 1]}`);
  const start = performance.now();
  for (let n = 0; n < 3 || performance.now() - start < WARMUP_MS; n++) run();
  const passes = [];
  for (let i = 0; i < PASSES; i++) {
    const t = performance.now();
    run();
    passes.push(performance.now() - t);
  }
  process.stdout.write(`${JSON.stringify(passes)}\n`);
  process.exit(0);
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const loadAtStart = loadavg()[0].toFixed(1);
const names = Object.keys(TASKS);
const passes = new Map(names.map((name) => [name, []]));
const self = fileURLToPath(import.meta.url);
for (let round = 0; round < ROUNDS; round++) {
  // A rotating order: each task runs first in some round, last in another.
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) {
    const child = spawnSync(process.execPath, [self, '--task', name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`${name}: the task's process failed`);
    passes.get(name).push(...JSON.parse(child.stdout));
  }
}

// ShellCheck runs a process per batch of scripts: a few passes are enough.
const shellcheck = findShellcheck();
const slice = corpusFiles(1 << 17);
const jobCount = slice.files.reduce((n, text) => n + shellcheckJobs(text, everyRule).length, 0);
const lintWithShellcheck = async () => {
  const perFile = slice.files.map((text) => shellcheckJobs(text, everyRule));
  const { results, note } = await runShellcheck(perFile.flat(), { binary: shellcheck });
  if (note) throw new Error(note);
  let k = 0;
  slice.files.forEach((text, i) => {
    const n = perFile[i].length;
    lint(text, { ...everyRule, shellcheck: results.slice(k, k + n) });
    k += n;
  });
};
const WITH_SHELLCHECK = 'lint() per file, every rule, with ShellCheck';
const shellcheckPasses = [];
if (shellcheck) {
  await lintWithShellcheck();
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await lintWithShellcheck();
    shellcheckPasses.push(performance.now() - t);
  }
}

const msPerMB = new Map(names.map((name) => [name, median(passes.get(name)) / MB]));
if (shellcheck) msPerMB.set(WITH_SHELLCHECK, median(shellcheckPasses) / (slice.bytes / 1048576));
const utils = msPerMB.get(UTILS);
const factor = (name) => (utils / msPerMB.get(name)).toFixed(2);

console.log(
  `lint throughput: ${files.length} files, ${MB.toFixed(2)} MB; with ShellCheck: ${slice.files.length} files, ${(slice.bytes / 1048576).toFixed(2)} MB, ${jobCount} RUN scripts; ${availableParallelism()} CPUs`,
);
if (!shellcheck) console.log('shellcheck is not installed: the ShellCheck row is left out');
console.table(
  [...msPerMB].map(([name, ms]) => ({
    task: name,
    'ms / MB (median)': ms.toFixed(1),
    'MB/s': (1000 / ms).toFixed(2),
    'x dockerfile-utils': factor(name),
    passes: name === WITH_SHELLCHECK ? shellcheckPasses.length : passes.get(name).length,
  })),
);
// The goal compares like with like: validate gives diagnostics without fixes (dockerfile-utils
// works out its quick fixes apart, when asked), so the goal is set on lint() with
// `fixes: false`. lint()'s default also works out each finding's fix (LegacyKeyValueFormat's
// parses the line it would write, to check its meaning): that row has its own factor.
console.log(
  `lint() per file, findings only, as validate gives them: ${factor(NO_FIXES)}x as fast as dockerfile-utils' validate on the same corpus (goal: at least 5x)`,
);
console.log(`  with each finding's fix worked out too (lint()'s default): ${factor(WITH_FIXES)}x`);
console.log(`  as the CLI lints (one createLinter, no fixes): ${factor(AS_CLI)}x`);
console.log(
  `Each row: ${ROUNDS} rounds of ${PASSES} timed passes, each round in a process of its own after ${WARMUP_MS / 1000} s of warm-up, the tasks taking turns; load average ${loadAtStart} at the start, ${loadavg()[0].toFixed(1)} at the end.`,
);
