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

const lintAll = () => {
  for (const text of files) lint(text, everyRule);
};
const lintAllNoFixes = () => {
  for (const text of files) lint(text, { ...everyRule, fixes: false });
};
// As the CLI lints many files: one linter for the configuration, then file after file.
const linterAll = () => {
  const linter = createLinter({ ...everyRule, fixes: false });
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
fast
  .add('@dockwright/lint, every rule, no ShellCheck', lintAll)
  .add('@dockwright/lint, every rule, no ShellCheck, no fixes', lintAllNoFixes)
  .add('@dockwright/lint createLinter (as the CLI), every rule, no ShellCheck, no fixes', linterAll)
  .add('dockerfile-utils validate', validateAll);
await fast.run();

// ShellCheck runs a process per batch of scripts: a few iterations are enough.
const slow = new Bench({ iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 });
if (shellcheck) slow.add('@dockwright/lint, every rule, with ShellCheck', lintWithShellcheck);
await slow.run();

// The median pass: the machine is shared, and a pass slowed by another process says nothing
// about lint.
const median = (t) => t.result?.latency?.p50 ?? t.result?.p50;
const utils = median(fast.tasks.find((t) => t.name === 'dockerfile-utils validate'));
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
const plain = median(
  fast.tasks.find((t) => t.name === '@dockwright/lint, every rule, no ShellCheck'),
);
if (plain && utils) {
  console.log(
    `@dockwright/lint (every rule, no ShellCheck) is ${(utils / plain).toFixed(2)}x as fast as dockerfile-utils' validate on the same corpus (goal: at least 5x)`,
  );
}
const asCli = median(fast.tasks.find((t) => t.name.startsWith('@dockwright/lint createLinter')));
if (asCli && utils) {
  console.log(
    `as the CLI lints (one createLinter, no fixes in the text report): ${(utils / asCli).toFixed(2)}x as fast as dockerfile-utils' validate`,
  );
}
