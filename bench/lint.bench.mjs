// Lint throughput on the bench corpus (every Dockerfile fixture, repeated to 1 MB of separate
// files), side by side with dockerfile-utils' validate in one run: @dockwright/lint with every
// rule on (the off-by-default and experimental ones enabled, a registry list and a label schema
// so DL3026 and the label rules work), without ShellCheck, and then with ShellCheck (the jobs of
// every file in one runShellcheck call, as the CLI runs it) on the first 128 KB of the corpus:
// ShellCheck takes milliseconds per script, the whole corpus would take minutes.
import { availableParallelism } from 'node:os';
import { createLinter, lint, shellcheckJobs } from '@dockwright/lint';
import { findShellcheck, runShellcheck } from '@dockwright/lint/shellcheck';
import { validate } from 'dockerfile-utils';
import { Bench } from 'tinybench';
import { corpusFiles } from './corpus.mjs';
import { everyRule } from './lint-options.mjs';

const { files, bytes } = corpusFiles(1 << 20);
const MB = bytes / 1048576;

// The options objects are made once, as a caller keeps its configuration: in a loop,
// `{ ...everyRule, fixes: false }` costs about 1 µs each time on Node 20 (V8 gives every such
// object a map of its own), which would be measured as lint's time.
const noFixes = { ...everyRule, fixes: false };
const lintAll = () => {
  for (const text of files) lint(text, everyRule);
};
const lintAllNoFixes = () => {
  for (const text of files) lint(text, noFixes);
};
// As the CLI lints many files: one linter for the configuration, then file after file.
const linterAll = () => {
  const linter = createLinter(noFixes);
  for (const text of files) linter.lint(text);
};
const validateAll = () => {
  for (const text of files) validate(text);
};

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

const fast = new Bench({ time: 3000, warmupTime: 500 });
const WITH_FIXES = 'lint() per file, every rule, no ShellCheck, with fixes (its default)';
const NO_FIXES = 'lint() per file, every rule, no ShellCheck, no fixes (what validate gives)';
const AS_CLI = 'createLinter once (as the CLI), every rule, no ShellCheck, no fixes';
const UTILS = 'dockerfile-utils validate';
fast
  .add(WITH_FIXES, lintAll)
  .add(NO_FIXES, lintAllNoFixes)
  .add(AS_CLI, linterAll)
  .add(UTILS, validateAll);
await fast.run();

// ShellCheck runs a process per batch of scripts: a few iterations are enough.
const slow = new Bench({ iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 });
if (shellcheck) slow.add('lint() per file, every rule, with ShellCheck', lintWithShellcheck);
await slow.run();

// The median pass: the machine is shared, and a pass slowed by another process says nothing
// about lint.
const median = (t) => t.result?.latency?.p50 ?? t.result?.p50;
const utils = median(fast.getTask(UTILS));
console.log(
  `lint throughput: ${files.length} files, ${MB.toFixed(2)} MB; with ShellCheck: ${slice.files.length} files, ${(slice.bytes / 1048576).toFixed(2)} MB, ${jobCount} RUN scripts; ${availableParallelism()} CPUs`,
);
if (!shellcheck) console.log('shellcheck is not installed: the ShellCheck row is left out');
console.table(
  [...fast.tasks, ...slow.tasks].map((t) => {
    const ms = median(t);
    const mb = slow.tasks.includes(t) ? slice.bytes / 1048576 : MB;
    return {
      task: t.name,
      'ms / MB (median)': ms ? (ms / mb).toFixed(1) : 'n/a',
      'MB/s': ms ? (mb / (ms / 1000)).toFixed(2) : 'n/a',
      'x dockerfile-utils': ms && utils ? (utils / MB / (ms / mb)).toFixed(2) : 'n/a',
      samples: t.result?.latency?.samplesCount ?? t.result?.samples?.length ?? 0,
    };
  }),
);
// The goal compares like with like: validate gives diagnostics without fixes (dockerfile-utils
// works out its quick fixes apart, when asked), so the goal is set on lint() with
// `fixes: false`. lint()'s default also works out each finding's fix (LegacyKeyValueFormat's
// parses the line it would write, to check its meaning): that row has its own factor.
const factor = (name) => {
  const ms = median(fast.getTask(name));
  return ms && utils ? (utils / ms).toFixed(2) : 'n/a';
};
if (utils) {
  console.log(
    `lint() per file, findings only, as validate gives them: ${factor(NO_FIXES)}x as fast as dockerfile-utils' validate on the same corpus (goal: at least 5x)`,
  );
  console.log(
    `  with each finding's fix worked out too (lint()'s default): ${factor(WITH_FIXES)}x`,
  );
  console.log(`  as the CLI lints (one createLinter, no fixes): ${factor(AS_CLI)}x`);
}
