// Parse and print throughput of @dockwright/ast, side by side with dockerfile-ast (the most
// used JavaScript Dockerfile parser) on the same text, and with the floor for any JavaScript
// tokenizer: one pass that reads every character code once.
//
// parse() finds every node and keyword in one pass and reads an instruction's flags,
// arguments, position and raws from the text when they are first used; BuildKit's
// instruction checks run when the tree's diagnostics are first read. So the rows after
// `parse` say what reading the tree costs: every field of every node, and the diagnostics
// (what a linter reads). dockerfile-ast's parse likewise leaves some work to its getters.
import { parse, print } from '@dockwright/ast';
import { DockerfileParser } from 'dockerfile-ast';
import { Bench } from 'tinybench';
import { corpusText } from './corpus.mjs';

const text = corpusText(1 << 20);
const mb = Buffer.byteLength(text) / (1 << 20);
const tree = parse(text);
if (print(tree) !== text) throw new Error('print(parse(corpus)) is not the corpus');

/** Reads every field of every node, as a tool that walks the whole tree does. */
function readAll(tree) {
  let n = 0;
  for (const child of tree.children) {
    n += child.position.end.offset + child.raws.before.length;
    if (child.type === 'instruction') {
      n += child.keyword.length + child.flags.length + child.args.length + child.raws.rest.length;
      n += child.heredocs.length + (child.trigger === null ? 0 : 1) + (child.json ? 1 : 0);
    } else {
      n += child.type === 'comment' ? child.text.length : child.value.length;
    }
  }
  return n;
}

let sink = 0;
/** Reads the middle of a printed text, so a string V8 built as a rope is flattened in the run. */
const used = (s) => s.length + s.charCodeAt(s.length >> 1);
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
    sink += used(print(tree));
  })
  .add('@dockwright/ast parse + print', () => {
    sink += used(print(parse(text)));
  })
  .add('@dockwright/ast parse, then read every field of every node', () => {
    sink += readAll(parse(text));
  })
  .add('@dockwright/ast parse, then read the diagnostics (every check run)', () => {
    sink += parse(text).diagnostics.length;
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
for (const [what, name] of [
  ['parse + print', '@dockwright/ast parse + print'],
  ['parse, then read every field', '@dockwright/ast parse, then read every field'],
  ['parse, then read the diagnostics', '@dockwright/ast parse, then read the diagnostics'],
]) {
  const ms = of(name);
  console.log(
    `${what}: ${(ms / of('floor')).toFixed(1)}x the floor, ${(of('dockerfile-ast') / ms).toFixed(1)}x faster than dockerfile-ast`,
  );
}
if (sink === 0) console.log('');
