// Build + print cost of @dockwright/sdk for a 1,000- and a 10,000-instruction Dockerfile.
// The builder appends to a persistent list (O(1) per call) and prints in one pass, so the
// larger file should cost about 10x the smaller one; the ratio is printed, never asserted.
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

const sizes = [1_000, 10_000];
for (const n of sizes) {
  const text = build(n);
  const lines = text.split('\n').filter((l) => /^[A-Z]/.test(l)).length;
  if (lines < n) throw new Error(`expected ${n} instructions, got ${lines}`);
}

let sink = 0;
const bench = new Bench({ time: 2000, warmupTime: 500 });
for (const n of sizes)
  bench.add(`build + print ${n.toLocaleString('en')} instructions`, () => {
    sink += build(n).length;
  });
await bench.run();
console.table(bench.table());
const mean = (name) => bench.getTask(name).result.latency.mean;
const small = mean('build + print 1,000 instructions');
const large = mean('build + print 10,000 instructions');
console.log(
  `1,000 instructions: ${small.toFixed(2)} ms; 10,000 instructions: ${large.toFixed(2)} ms`,
);
console.log(`ratio 10,000 / 1,000: ${(large / small).toFixed(2)} (linear would be 10)`);
if (sink === 0) console.log('');
