// Parse and print throughput of @dockwright/ast, side by side with dockerfile-ast (the most
// used JavaScript Dockerfile parser) on the same text, and with the floor for any JavaScript
// tokenizer: one pass that reads every character code once.
import { parse, print } from '@dockwright/ast';
import { DockerfileParser } from 'dockerfile-ast';
import { Bench } from 'tinybench';
import { corpusText } from './corpus.mjs';

const text = corpusText(1 << 20);
const mb = Buffer.byteLength(text) / (1 << 20);
const tree = parse(text);
if (print(tree) !== text) throw new Error('print(parse(corpus)) is not the corpus');

let sink = 0;
const bench = new Bench({ time: 2000, warmupTime: 500 });
bench
  .add('floor: one pass over every char code', () => {
    let lines = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
    sink += lines;
  })
  .add('@dockwright/ast parse', () => {
    sink += parse(text).children.length;
  })
  .add('@dockwright/ast print (unedited tree)', () => {
    sink += print(tree).length;
  })
  .add('@dockwright/ast parse + print', () => {
    sink += print(parse(text)).length;
  })
  .add('dockerfile-ast DockerfileParser.parse', () => {
    sink += DockerfileParser.parse(text).getInstructions().length;
  });

await bench.run();

const rows = bench.tasks.map((task) => {
  const ms = task.result.latency?.mean ?? task.result.mean;
  return { task: task.name, 'ms/run': ms, 'MB/s': mb / (ms / 1000) };
});
const of = (name) => rows.find((r) => r.task.startsWith(name))['ms/run'];
console.log(`\n@dockwright/ast on ${mb.toFixed(2)} MB (${text.split('\n').length} lines)`);
console.table(
  rows.map((r) => ({
    task: r.task,
    'ms/run': r['ms/run'].toFixed(2),
    'MB/s': r['MB/s'].toFixed(1),
  })),
);
const parseMs = of('@dockwright/ast parse');
console.log(
  `parse vs dockerfile-ast: ${(of('dockerfile-ast') / parseMs).toFixed(1)}x faster (goal >= 3x)`,
);
console.log(
  `parse vs the one-pass floor: ${(parseMs / of('floor')).toFixed(1)}x the floor (goal <= 5x)`,
);
if (sink === 0) console.log('');
