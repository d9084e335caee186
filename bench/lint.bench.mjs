// Lint throughput on BuildKit's parser corpus (and the other ast fixtures), side by side with
// dockerfile-utils' validate on the same files, in one run. The corpus files are linted one by
// one, repeated until at least 1 MB has been processed per iteration.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '@dockwright/lint';
import { validate } from 'dockerfile-utils';
import { Bench } from 'tinybench';

const root = fileURLToPath(new URL('../packages/ast/test/fixtures', import.meta.url));
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name === 'Dockerfile' || name.endsWith('.Dockerfile'))
      files.push(readFileSync(p, 'utf8'));
  }
})(root);

const corpusBytes = files.reduce((n, t) => n + Buffer.byteLength(t), 0);
const repeat = Math.ceil((1024 * 1024) / corpusBytes);
const bytes = corpusBytes * repeat;

const bench = new Bench({ time: 2000, warmupTime: 300 });
bench
  .add('@dockwright/lint lint', () => {
    for (let r = 0; r < repeat; r++) for (const text of files) lint(text);
  })
  .add('dockerfile-utils validate', () => {
    for (let r = 0; r < repeat; r++) for (const text of files) validate(text);
  });
await bench.run();

console.log(
  `lint throughput: ${files.length} corpus files (${corpusBytes} bytes) x ${repeat} = ${(bytes / 1048576).toFixed(2)} MB per iteration`,
);
console.table(
  bench.tasks.map((t) => {
    const mean = t.result?.latency?.mean ?? t.result?.mean; // ms per iteration
    return {
      task: t.name,
      'ms / MB': mean ? (mean / (bytes / 1048576)).toFixed(1) : 'n/a',
      'MB/s': mean ? (bytes / 1048576 / (mean / 1000)).toFixed(2) : 'n/a',
      samples: t.result?.latency?.samplesCount ?? t.result?.samples?.length ?? 0,
    };
  }),
);
