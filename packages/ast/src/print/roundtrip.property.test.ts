import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dockerishText as dockerishTextOf } from '../../test/dockerish.js';
import { budget, PROPERTY_TIMEOUT } from '../../test/property-budget.js';
import { parse } from '../parser/parse.js';
import type { ChildNode, DockerfileNode, InstructionNode } from '../tree/nodes.js';
import { withChildren } from '../tree/with-children.js';
import { dumpInstruction } from './dump.js';
import { print } from './print.js';

const dockerishText = dockerishTextOf(60);

describe('parse and print, for any string', () => {
  it(
    'never throws and prints the input back byte for byte',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), dockerishText),
          (text) => {
            const tree = parse(text);
            expect(print(tree)).toBe(text);
          },
        ),
        budget(3000),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'survives a JSON round trip and still prints byte for byte',
    () => {
      fc.assert(
        fc.property(dockerishText, (text) => {
          const tree = JSON.parse(JSON.stringify(parse(text))) as DockerfileNode;
          expect(print(tree)).toBe(text);
        }),
        budget(500),
      );
    },
    PROPERTY_TIMEOUT,
  );
});

// Valid Dockerfiles built from instruction templates, with random formatting around them.
const word = fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}$/);
const space = fc.constantFrom(' ', '  ', '\t');
const instructionText = fc.oneof(
  fc.tuple(word, word).map(([a, b]) => `FROM ${a}:${b}`),
  fc.tuple(word, word).map(([a, b]) => `FROM ${a} AS ${b}`),
  fc.tuple(word, space, word).map(([a, s, b]) => `RUN echo ${a}${s}&& echo ${b}`),
  fc.tuple(word, word).map(([a, b]) => `RUN echo ${a} \\\n    && echo ${b}`),
  fc.tuple(word, word).map(([a, b]) => `RUN ["${a}", "${b}"]`),
  fc.tuple(word, word).map(([a, b]) => `COPY --chown=${a} ${b} /app/`),
  fc.tuple(word, word).map(([a, b]) => `ENV ${a.toUpperCase()}=${b} X="${a} ${b}"`),
  fc.tuple(word, word).map(([a, b]) => `ENV ${a.toUpperCase()} ${b} ${a}`),
  fc.tuple(word, word).map(([a, b]) => `LABEL "${a}"="${b}"`),
  fc.tuple(word).map(([a]) => `ARG ${a.toUpperCase()}=1`),
  fc.tuple(word).map(([a]) => `WORKDIR /${a}`),
  fc.tuple(word).map(([a]) => `RUN --mount=type=cache,target=/root/.${a} make ${a}`),
  fc.tuple(word).map(([a]) => `RUN <<EOF\necho ${a}\nEOF`),
  fc.tuple(word).map(([a]) => `COPY <<-${a.toUpperCase()} /x\n\tline\n\t${a.toUpperCase()}`),
  fc.tuple(word).map(([a]) => `ONBUILD RUN echo ${a}`),
  fc.tuple(word).map(([a]) => `HEALTHCHECK --interval=5s CMD ["${a}"]`),
  fc.tuple(word).map(([a]) => `# ${a}`),
  fc.constant(''),
);
const dockerfileText = fc
  .tuple(
    fc.array(instructionText, { minLength: 1, maxLength: 12 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([lines, eol, finalNewline]) => {
    const text = ['FROM base', ...lines].join('\n').replace(/\n/g, eol);
    return finalNewline ? text + eol : text;
  });

function instructionsOf(tree: DockerfileNode): InstructionNode[] {
  return tree.children.filter((c): c is InstructionNode => c.type === 'instruction');
}

describe('editing a parsed tree', () => {
  it(
    'keeps every untouched instruction, and the edited one means what it says',
    () => {
      fc.assert(
        fc.property(dockerfileText, fc.nat(), word, (text, pick, newWord) => {
          const tree = parse(text);
          expect(tree.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          const instructions = instructionsOf(tree);
          const target = instructions[pick % instructions.length]!;
          const edited: InstructionNode = {
            ...target,
            keyword: 'LABEL',
            flags: [],
            args: ['edited', newWord, '='],
            json: false,
            heredocs: [],
            trigger: null,
          };
          const children: ChildNode[] = tree.children.map((c) => (c === target ? edited : c));
          const reparsed = parse(print(withChildren(tree, children)));
          const before = instructions.map(dumpInstruction);
          const after = instructionsOf(reparsed).map(dumpInstruction);
          const expected = before.map((line, i) =>
            instructions[i] === target ? `(label "edited" ${JSON.stringify(newWord)} "=")` : line,
          );
          expect(after).toEqual(expected);
        }),
        budget(1000),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
