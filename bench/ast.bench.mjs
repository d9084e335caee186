// Parse and print throughput of @dockwright/ast on the bench corpus (every fixture Dockerfile,
// repeated to 1 MB), side by side in one run with dockerfile-ast (the most used JavaScript
// Dockerfile parser) on the same text and with the floor for any JavaScript tokenizer: one
// pass that reads every character code once.
//
// The figure that counts is the full parse: parse, then read every field of every node and
// the tree's diagnostics, as lint, fmt and edit do. dockerfile-ast's row does the same work
// for what it offers: its parse, then every instruction's keyword, range, arguments and flags
// (several of these are worked out when first asked for, so they must be asked). Goals: the
// full parse at least 10x faster than dockerfile-ast, and at most 10x the floor.
import { parse, print } from '@dockwright/ast';
import { DockerfileParser } from 'dockerfile-ast';
import { Bench } from 'tinybench';
import { corpusText } from './corpus.mjs';

const text = corpusText(1 << 20);
const mb = Buffer.byteLength(text) / (1 << 20);
const tree = parse(text);
if (print(tree) !== text) throw new Error('print(parse(corpus)) is not the corpus');

function readPosition(p) {
  if (p === undefined) return 0;
  return p.line + p.column + p.offset + p.endLine + p.endColumn + p.endOffset;
}

function readInstruction(node) {
  let n = node.type.length + node.keyword.length + (node.json ? 1 : 0);
  for (const f of node.flags) n += f.name.length + (f.value?.length ?? 0);
  for (const a of node.args) n += a.length;
  for (const h of node.heredocs) {
    n += h.name.length + h.content.length + (h.chomp ? 1 : 0) + (h.quoted ? 1 : 0) + (h.fd ?? 0);
  }
  if (node.trigger !== null) n += readInstruction(node.trigger);
  n += readPosition(node.position);
  const raws = node.raws;
  if (raws !== undefined) {
    n += raws.before.length + raws.indent.length + raws.keyword.length + raws.rest.length;
    n += raws.value.args.length;
  }
  return n;
}

/** Every field of every node, and the tree's own. */
function readAll(tree) {
  let n = tree.escape.length + readPosition(tree.position);
  n += tree.raws.bom.length + tree.raws.after.length + tree.raws.eol.length;
  for (const d of tree.diagnostics)
    n += d.code.length + d.message.length + readPosition(d.position);
  for (const child of tree.children) {
    if (child.type === 'instruction') {
      n += readInstruction(child);
      continue;
    }
    n += child.type === 'comment' ? child.text.length : child.name.length + child.value.length;
    n += readPosition(child.position);
    n += child.raws.before.length + child.raws.source.length + child.raws.value.length;
  }
  return n;
}

/** dockerfile-ast: every instruction's keyword, range, arguments and flags. */
function readDockerfileAst(dockerfile) {
  let n = 0;
  for (const instruction of dockerfile.getInstructions()) {
    n += instruction.getKeyword().length;
    const range = instruction.getRange();
    n += range.start.line + range.start.character + range.end.line + range.end.character;
    for (const arg of instruction.getArguments()) n += arg.getValue().length;
    if (typeof instruction.getFlags === 'function') {
      for (const flag of instruction.getFlags()) {
        n += flag.getName().length + (flag.getValue()?.length ?? 0);
      }
    }
  }
  return n;
}

/**
 * The cost of the node shape alone: the instructions and comments of the parsed corpus made
 * again, object for object and frozen as `parse` makes them (node, position, raws and their snapshot, argument array, the strings cut from the same text), from
 * offsets found beforehand, so no parsing is done. What the full parse costs beyond this row
 * is the parsing itself.
 */
const shapes = tree.children.map((node) => {
  const p = node.position;
  const lineStart = p.offset - p.column + 1;
  const spec = {
    node,
    start: [p.line, p.column, p.offset],
    end: [p.endLine, p.endColumn, p.endOffset],
    before: lineStart - node.raws.before.length,
    lineStart,
  };
  if (node.type !== 'instruction') return { ...spec, next: lineStart + node.raws.source.length };
  const keywordEnd = p.offset + node.raws.keyword.length;
  const arg = node.args[0] ?? '';
  const argStart = text.indexOf(arg, keywordEnd);
  return {
    ...spec,
    keywordEnd,
    next: keywordEnd + node.raws.rest.length,
    argStart,
    argEnd: argStart + arg.length,
  };
});
const freeze = Object.freeze;
function buildShapes() {
  const out = [];
  for (const x of shapes) {
    const position = freeze({
      line: x.start[0],
      column: x.start[1],
      offset: x.start[2],
      endLine: x.end[0],
      endColumn: x.end[1],
      endOffset: x.end[2],
    });
    const before = text.slice(x.before, x.lineStart);
    if (x.node.type !== 'instruction') {
      const value = text.slice(x.start[2] + 1, x.end[2]);
      const raws = freeze({ before, source: text.slice(x.lineStart, x.next), value });
      out.push(freeze({ type: x.node.type, text: value, position, raws }));
      continue;
    }
    const { keyword, flags, json, heredocs, trigger } = x.node;
    const args = freeze([text.slice(x.argStart, x.argEnd)]);
    const value = freeze({ keyword, flags, args, json, heredocs, trigger });
    const indent = text.slice(x.lineStart, x.start[2]);
    const rest = text.slice(x.keywordEnd, x.next);
    const raws = freeze({ before, indent, keyword: x.node.raws.keyword, rest, value });
    out.push(
      freeze({
        type: 'instruction',
        keyword,
        flags,
        args,
        json,
        heredocs,
        trigger,
        position,
        raws,
      }),
    );
  }
  return freeze(out);
}

let sink = 0;
/** Reads the middle of a printed text, so a string V8 built as a rope is flattened in the run. */
const used = (s) => s.length + s.charCodeAt(s.length >> 1);
const FLOOR = 'floor: one pass over every char code';
const FULL = '@dockwright/ast full parse: parse, read every field';
const PARSE = '@dockwright/ast parse only';
const SHAPE = 'node shape alone: the same nodes made without parsing';
const THEIRS = 'dockerfile-ast parse, read keyword, range, arguments, flags';
const THEIRS_PARSE = 'dockerfile-ast parse only';
// Each row runs for 3 s and at least 8 times (dockerfile-ast takes over a second a run).
const bench = new Bench({ time: 3000, iterations: 8, warmupTime: 1000, warmupIterations: 2 });
bench
  .add(FLOOR, () => {
    let lines = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
    sink += lines;
  })
  .add(FULL, () => {
    sink += readAll(parse(text));
  })
  .add(PARSE, () => {
    sink += parse(text).children.length;
  })
  .add(SHAPE, () => {
    sink += buildShapes().length;
  })
  .add('@dockwright/ast print (unedited tree)', () => {
    sink += used(print(tree));
  })
  .add('@dockwright/ast parse + print', () => {
    sink += used(print(parse(text)));
  })
  .add(THEIRS, () => {
    sink += readDockerfileAst(DockerfileParser.parse(text));
  })
  .add(THEIRS_PARSE, () => {
    sink += DockerfileParser.parse(text).getInstructions().length;
  });

await bench.run();

const ms = (name) => {
  const result = bench.tasks.find((t) => t.name === name).result;
  return { mean: result.latency?.mean ?? result.mean, p50: result.latency?.p50 ?? result.p50 };
};
console.log(
  `\n@dockwright/ast on ${mb.toFixed(2)} MB (${text.split('\n').length} lines, ${tree.children.length} nodes)`,
);
console.table(
  bench.tasks.map((task) => {
    const { mean, p50 } = ms(task.name);
    return {
      task: task.name,
      'ms/run (mean)': mean.toFixed(2),
      'ms/run (median)': p50.toFixed(2),
      'MB/s': (mb / (mean / 1000)).toFixed(1),
    };
  }),
);
const ratio = (a, b, key) => (ms(a)[key] / ms(b)[key]).toFixed(1);
for (const key of ['mean', 'p50']) {
  const label = key === 'mean' ? 'mean' : 'median';
  console.log(
    `full parse (${label}): ${ratio(THEIRS, FULL, key)}x faster than dockerfile-ast (goal >= 10x), ${ratio(FULL, FLOOR, key)}x the floor (goal <= 10x)`,
  );
  console.log(
    `parse only (${label}): ${ratio(THEIRS_PARSE, PARSE, key)}x faster than dockerfile-ast's parse, ${ratio(PARSE, FLOOR, key)}x the floor`,
  );
  console.log(`node shape alone (${label}): ${ratio(SHAPE, FLOOR, key)}x the floor`);
}
if (sink === 0) console.log('');
