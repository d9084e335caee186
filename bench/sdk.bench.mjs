// Build + print cost of @dockwright/sdk for 1,000-, 10,000- and 100,000-instruction Dockerfiles.
// The builder appends to a persistent list (O(1) per call) and prints in one pass, so the
// cost per instruction should stay about flat; the ratios are printed, never asserted.
//
// Each figure is split into the time the code ran and the time V8's garbage collector paused
// it (PerformanceObserver 'gc' entries inside each sample). In the same run, a control: the
// least a persistent builder can retain (one frozen node and one list cell per instruction,
// printed with a join), measured the same way, so what the runtime adds at each size can be
// told from what the SDK does. The mean is what a build costs, its share of collection
// included; a small build's median often holds no collection at all, so both are given.
import { PerformanceObserver } from 'node:perf_hooks';
import { commands, dockerfile } from '@dockwright/sdk';

/** `n` instructions: FROM, then a mix of RUN, RUN lists, ENV, COPY with flags, LABEL, WORKDIR. */
function build(n) {
  let b = dockerfile().arg('NODE_VERSION', '22').from('node:${NODE_VERSION}-slim', { as: 'build' });
  for (let i = 2; i < n; i++) {
    switch (i % 6) {
      case 0:
        b = b.run(`echo step ${i}`, { mounts: [{ type: 'cache', target: '/root/.npm' }] });
        break;
      case 1:
        b = b.run(commands(`apt-get update`, `apt-get install -y pkg${i}`));
        break;
      case 2:
        b = b.env(`VAR_${i}`, `value with spaces ${i}`);
        break;
      case 3:
        b = b.copy([`src/${i}.js`, `my file ${i}.txt`], '/app/', { chown: 'node:node' });
        break;
      case 4:
        b = b.label(`com.example.k${i}`, `v${i}`);
        break;
      default:
        b = b.workdir(`/app/${i}`);
    }
  }
  return b.toString();
}

/** The control: a bare persistent list of frozen nodes, no validation or escaping. */
function bareList(n) {
  let cell = null;
  for (let i = 0; i < n; i++) {
    const node = Object.freeze({
      type: 'instruction',
      keyword: 'RUN',
      args: Object.freeze([`echo step ${i}`]),
    });
    cell = Object.freeze({ node, prev: cell, length: i + 1 });
  }
  const lines = new Array(n);
  for (let c = cell; c !== null; c = c.prev)
    lines[c.length - 1] = `${c.node.keyword} ${c.node.args[0]}\n`;
  return lines.join('');
}

const sizes = [1_000, 10_000, 100_000];

const pauses = [];
new PerformanceObserver((list) => {
  pauses.push(...list.getEntries());
}).observe({ entryTypes: ['gc'] });

/** Runs `fn(n)` for `ms` after a warm-up; the wall time of each run. */
function measure(fn, n, ms) {
  for (const end = performance.now() + 300; performance.now() < end; ) fn(n);
  const spans = [];
  let sink = 0;
  for (const end = performance.now() + ms; performance.now() < end || spans.length < 3; ) {
    const start = performance.now();
    sink += fn(n).length;
    spans.push([start, performance.now()]);
  }
  if (sink === 0) console.log('');
  return spans;
}

/** Median, mean, and the share of GC pauses (observer entries that start inside a run). */
function summarise(spans) {
  let gc = 0;
  for (const p of pauses) {
    if (spans.some(([a, b]) => p.startTime >= a && p.startTime < b)) gc += p.duration;
  }
  const wall = spans.map(([a, b]) => b - a).sort((x, y) => x - y);
  const total = wall.reduce((x, y) => x + y, 0);
  return {
    median: wall[wall.length >> 1],
    mean: total / wall.length,
    gcShare: gc / total,
    meanWithoutGc: (total - gc) / wall.length,
    samples: wall.length,
  };
}

// 1,000 and 10,000 instructions are measured in pairs, back to back, five times for each
// builder, and each pair gives a ratio: the machine's speed drifts over a run (other tenants,
// clock changes), and a pair sees the same machine. The 100,000-instruction runs come last:
// after a build that large V8 places the objects of smaller builds differently (allocation-site
// pretenuring).
const PAIRS = 5;
const builders = [
  ['@dockwright/sdk build + print', build],
  ['control: bare persistent list', bareList],
];
const spans = new Map(builders.map(([what]) => [what, new Map(sizes.map((n) => [n, []]))]));
const pairRatios = new Map(builders.map(([what]) => [what, []]));
for (let pair = 0; pair < PAIRS; pair++) {
  for (const [what, fn] of builders) {
    const small = measure(fn, 1_000, 1200);
    const large = measure(fn, 10_000, 1200);
    spans
      .get(what)
      .get(1_000)
      .push(...small);
    spans
      .get(what)
      .get(10_000)
      .push(...large);
    const [a, b] = [summarise(small), summarise(large)];
    pairRatios.get(what).push({ mean: b.mean / a.mean, median: b.median / a.median });
  }
}
for (const [what, fn] of builders)
  spans
    .get(what)
    .get(100_000)
    .push(...measure(fn, 100_000, 3000));
await new Promise((resolve) => setTimeout(resolve, 20)); // let the observer deliver
const results = builders.flatMap(([what]) =>
  sizes.map((n) => ({ what, n, ...summarise(spans.get(what).get(n)) })),
);

// Checked after measuring: a 100,000-instruction build before it would change how V8 places
// the objects of the smaller builds measured next (its allocation-site pretenuring).
for (const n of sizes) {
  const text = build(n);
  const lines = text.split('\n').filter((l) => /^[A-Z]/.test(l)).length;
  if (lines < n) throw new Error(`expected ${n} instructions, got ${lines}`);
}

console.table(
  results.map((r) => ({
    what: r.what,
    instructions: r.n.toLocaleString('en'),
    'median (ms)': r.median.toFixed(2),
    'mean (ms)': r.mean.toFixed(2),
    'GC pauses': `${(r.gcShare * 100).toFixed(0)}%`,
    'mean without GC (ms)': r.meanWithoutGc.toFixed(2),
    'µs / instruction (median)': ((r.median * 1000) / r.n).toFixed(3),
    samples: r.samples,
  })),
);
const mid = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
for (const what of new Set(results.map((r) => r.what))) {
  const of = (n) => results.find((r) => r.what === what && r.n === n);
  const pairs = pairRatios.get(what);
  const means = pairs.map((r) => r.mean);
  const medians = pairs.map((r) => r.median);
  const [a, b, c] = sizes.map(of);
  console.log(
    `${what}: 10,000/1,000 in ${pairs.length} back-to-back pairs: ${mid(means).toFixed(1)}x mean (pairs ${Math.min(...means).toFixed(1)}-${Math.max(...means).toFixed(1)}x), ${mid(medians).toFixed(1)}x median; all runs pooled: ${(b.mean / a.mean).toFixed(1)}x mean, ${(b.meanWithoutGc / a.meanWithoutGc).toFixed(1)}x without GC. 100,000/10,000: ${(c.mean / b.mean).toFixed(1)}x mean, ${(c.meanWithoutGc / b.meanWithoutGc).toFixed(1)}x without GC (linear is 10x; goal for the SDK: about 10x)`,
  );
}
