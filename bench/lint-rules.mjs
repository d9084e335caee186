// What each lint rule costs on the bench corpus: every rule runs as in the lint bench (one
// linter, every rule on, no ShellCheck), each wrapped in a timer, and the time outside the rules
// (parse, context, policy, merging) is what is left of the pass. The RUN scripts are parsed by a
// first pseudo-rule, so the shell parser's cost shows on its own line rather than in the first
// rule that reads a script. The timers add about 0.1 ms per rule per pass. Not a benchmark with a
// goal: a map of where lint's time goes (`node bench/lint-rules.mjs [fixes]`).
import { allRules } from '@dockwright/lint';
import { RuleLinter } from '../packages/lint/dist/linter.js';
import { corpusFiles } from './corpus.mjs';
import { everyRule } from './lint-options.mjs';

const { files, bytes } = corpusFiles(1 << 20);
const options = { ...everyRule, fixes: process.argv[2] === 'fixes' };
const spent = new Map();
const timed = (id, meta, check) => ({
  meta,
  check: (ctx, report) => {
    const start = performance.now();
    check(ctx, report);
    spent.set(id, (spent.get(id) ?? 0) + performance.now() - start);
  },
});
const shell = timed('(RUN scripts parsed)', { ...allRules[0].meta, onbuild: true }, (ctx) =>
  ctx.runs(),
);
const linter = new RuleLinter(
  options,
  [shell, ...allRules.map((r) => timed(r.meta.id, r.meta, r.check))],
  true,
);
const pass = () => {
  for (const text of files) linter.lint(text);
};
for (let i = 0; i < 5; i++) pass();
spent.clear();
const passes = Number(process.env.PASSES ?? 20);
const start = performance.now();
for (let i = 0; i < passes; i++) pass();
const perMB = (ms) => ms / passes / (bytes / 1048576);
const total = perMB(performance.now() - start);
const rows = [...spent].map(([id, ms]) => [id, perMB(ms)]).sort((a, b) => b[1] - a[1]);
const inRules = rows.reduce((n, [, ms]) => n + ms, 0);
console.log(
  `ms per MB: pass ${total.toFixed(1)}, in rules ${inRules.toFixed(1)}, outside rules ${(total - inRules).toFixed(1)}`,
);
for (const [id, ms] of rows) console.log(`${id.padEnd(36)} ${ms.toFixed(2)}`);
