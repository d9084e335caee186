// Build + print cost of @dockwright/sdk for 1,000-, 10,000- and 100,000-instruction Dockerfiles.
// The builder appends to a persistent list (O(1) per call) and prints in one pass, so the
// cost per instruction should stay about flat; the ratios are printed, never asserted.
import { commands, dockerfile } from '@dockwright/sdk';
import { Bench } from 'tinybench';

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

const sizes = [1_000, 10_000, 100_000];
for (const n of sizes) {
  const text = build(n);
  const lines = text.split('\n').filter((l) => /^[A-Z]/.test(l)).length;
  if (lines < n) throw new Error(`expected ${n} instructions, got ${lines}`);
}

const label = (n) => `build + print ${n.toLocaleString('en')} instructions`;
let sink = 0;
const bench = new Bench({ time: 2000, warmupTime: 500 });
for (const n of sizes)
  bench.add(label(n), () => {
    sink += build(n).length;
  });
await bench.run();
console.table(bench.table());

// Per-instruction cost shows the trend: flat means linear; growth with n is superlinear
// (at large sizes mostly garbage collection of the retained builders and nodes).
const latency = (n) => bench.getTask(label(n)).result.latency;
console.table(
  sizes.map((n) => ({
    instructions: n.toLocaleString('en'),
    'mean (ms)': latency(n).mean.toFixed(2),
    'median (ms)': latency(n).p50.toFixed(2),
    'µs / instruction (median)': ((latency(n).p50 * 1000) / n).toFixed(3),
    samples: latency(n).samples.length,
  })),
);
for (let i = 1; i < sizes.length; i++) {
  const [a, b] = [sizes[i - 1], sizes[i]];
  const ratio = latency(b).p50 / latency(a).p50;
  console.log(
    `median ratio ${b.toLocaleString('en')} / ${a.toLocaleString('en')}: ${ratio.toFixed(2)} (linear would be ${b / a})`,
  );
}
if (sink === 0) console.log('');
