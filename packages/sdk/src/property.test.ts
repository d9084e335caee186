import {
  expand,
  type InstructionNode,
  parse,
  parseCsv,
  viewArg,
  viewCommand,
  viewCopy,
  viewKeyValue,
  viewRun,
  viewString,
  viewVolume,
} from '@dockwright/ast';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emit } from '../test/check.js';
import { commands, DockerfileBuildError, dockerfile, heredoc } from './index.js';

/** Characters that matter to BuildKit's parser and lexer, plus ordinary and odd Unicode. */
const tricky = fc.constantFrom(
  'a',
  'Z',
  '0',
  '_',
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\\',
  '`',
  '"',
  "'",
  '$',
  '{',
  '}',
  '[',
  ']',
  '-',
  '#',
  '<',
  '>',
  '=',
  ',',
  '/',
  ':',
  '&',
  'E',
  'O',
  'F',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ud800',
  '\udc00',
  '😀',
  '\0',
);
const str = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: tricky, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

/** BuildKit's expansion with no variables set, references left as written. */
const meaning = (word: string) => expand(word, {}, { skipUnsetEnv: true });

// biome-ignore lint/suspicious/noExplicitAny: arbitrary input, types deliberately bypassed
const stage = (): any => dockerfile().from('alpine:3.20', { as: 'base' });

/**
 * Builds one instruction from arbitrary input: either the builder refuses it with a
 * DockerfileBuildError, or the text re-parses to the builder's own nodes with no diagnostics,
 * exactly two instructions (FROM + this one), and `check` sees the input's value.
 */
function roundTrip(
  // biome-ignore lint/suspicious/noExplicitAny: see above
  make: () => any,
  check: (node: InstructionNode) => void,
  instructions = 2,
): void {
  let builder: { toString(): string; toAst(): never };
  try {
    builder = make();
  } catch (error) {
    expect(error).toBeInstanceOf(DockerfileBuildError);
    return;
  }
  built += 1;
  const text = emit(builder);
  const parsed = parse(text).children.filter((c): c is InstructionNode => c.type === 'instruction');
  expect(parsed.length, text).toBe(instructions);
  check(parsed[parsed.length - 1]!);
}

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };

/** Inputs the builder took in the current test: a builder that refused everything would pass roundTrip. */
let built = 0;

describe('no input breaks the Dockerfile', () => {
  beforeEach(() => {
    built = 0;
  });
  afterEach(() => {
    expect(built, 'the builder refused every generated input').toBeGreaterThan(0);
  });

  it('WORKDIR, USER, STOPSIGNAL', () => {
    fc.assert(
      fc.property(str, (s) => {
        for (const method of ['workdir', 'user', 'stopsignal']) {
          roundTrip(
            () => stage()[method](s),
            (n) => expect(meaning(viewString(n).value)).toBe(s),
          );
        }
      }),
      runs,
    );
  });

  it('ENV and LABEL keys and values', () => {
    fc.assert(
      fc.property(str, str, (k, v) => {
        for (const method of ['env', 'label']) {
          roundTrip(
            () => stage()[method](k, v),
            (n) => {
              const pair = viewKeyValue(n).pairs[0]!;
              expect(meaning(n.args[0]!)).toBe(k);
              expect(meaning(pair.rawValue)).toBe(v);
            },
          );
        }
      }),
      runs,
    );
  });

  it('ARG defaults', () => {
    fc.assert(
      fc.property(str, (v) =>
        roundTrip(
          () => stage().arg('NAME', v),
          (n) => {
            const raw = viewArg(n).args[0]!.raw;
            expect(meaning(raw.slice(raw.indexOf('=') + 1))).toBe(v);
          },
        ),
      ),
      runs,
    );
  });

  it('COPY and ADD sources, destination and --chown', () => {
    fc.assert(
      fc.property(str, str, str, (a, b, owner) => {
        for (const method of ['copy', 'add']) {
          roundTrip(
            () => stage()[method]([a, b], '/dst/', { chown: owner }),
            (n) => {
              const view = viewCopy(n);
              expect(view.sources.map((x) => meaning(x.path))).toEqual([a, b]);
              expect(view.destination).toBe('/dst/');
              expect(meaning(view.chown!)).toBe(owner);
            },
          );
          roundTrip(
            () => stage()[method](a, b),
            (n) => {
              expect(meaning(viewCopy(n).sources[0]!.path)).toBe(a);
              expect(meaning(viewCopy(n).destination!)).toBe(b);
            },
          );
        }
      }),
      runs,
    );
  });

  it('VOLUME', () => {
    fc.assert(
      fc.property(str, str, (a, b) =>
        roundTrip(
          () => stage().volume(a, b),
          (n) => expect(viewVolume(n).paths.map(meaning)).toEqual([a, b]),
        ),
      ),
      runs,
    );
  });

  it('RUN shell, exec, command lists and heredocs', () => {
    const trim = (s: string) => s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');
    fc.assert(
      fc.property(str, str, (a, b) => {
        roundTrip(
          () => stage().run(a),
          (n) => expect(viewRun(n).command).toBe(trim(a)),
        );
        roundTrip(
          () => stage().run([a, b]),
          (n) => expect(viewRun(n).command).toEqual([a, b]),
        );
        roundTrip(
          () => stage().run(commands(a, b)),
          (n) => expect(viewRun(n).command).toBe(`${trim(a)}     && ${trim(b)}`),
        );
        roundTrip(
          () => stage().run(heredoc(a)),
          (n) =>
            expect(viewRun(n).heredocs[0]!.content).toBe(
              a === '' || a.endsWith('\n') ? a : `${a}\n`,
            ),
        );
        roundTrip(
          () => stage().copy(heredoc(a), b),
          (n) => {
            expect(viewCopy(n).sources[0]!.heredoc!.content).toBe(
              a === '' || a.endsWith('\n') ? a : `${a}\n`,
            );
            expect(meaning(viewCopy(n).destination!)).toBe(b);
          },
        );
      }),
      runs,
    );
  });

  it('RUN mount values', () => {
    fc.assert(
      fc.property(str, str, (target, source) =>
        roundTrip(
          () => stage().run('true', { mounts: [{ type: 'bind', target, source }] }),
          (n) => {
            const fields = parseCsv(n.flags[0]!.value!);
            expect('error' in fields).toBe(false);
            const values = Object.fromEntries(
              (fields as { fields: string[] }).fields.map((f) => [
                f.slice(0, f.indexOf('=')),
                f.slice(f.indexOf('=') + 1),
              ]),
            );
            expect(meaning(values.target!)).toBe(target);
            expect(meaning(values.source!)).toBe(source);
          },
        ),
      ),
      runs,
    );
  });

  it('CMD, ENTRYPOINT, HEALTHCHECK, SHELL', () => {
    fc.assert(
      fc.property(str, str, (a, b) => {
        for (const method of ['cmd', 'entrypoint']) {
          roundTrip(
            () => stage()[method]([a, b]),
            (n) => expect(viewCommand(n).command).toEqual([a, b]),
          );
          roundTrip(
            () => stage()[method](a, { shell: true }),
            (n) =>
              expect(viewCommand(n).command).toBe(a.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '')),
          );
        }
        roundTrip(
          () => stage().healthcheck([a, b]),
          (n) => expect(n.args).toEqual(['CMD', a, b]),
        );
        roundTrip(
          () => stage().shell([a, b]),
          (n) => expect(n.args).toEqual([a, b]),
        );
      }),
      runs,
    );
  });

  // Arbitrary text alone is almost never a valid image, stage name, platform or port: mix in
  // values the builder takes, so the round trip is checked and not only the refusal.
  const image = fc.oneof(str, fc.constantFrom('alpine:3.20', 'node:22-slim', '${BASE}', 'scratch'));
  const stageName = fc.oneof(str, fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/));
  const platform = fc.oneof(
    str,
    fc.constantFrom('linux/amd64', 'linux/arm64/v8', '$BUILDPLATFORM'),
  );
  const port = fc.oneof(str, fc.constantFrom('80', '8080/tcp', '1000-2000/udp', '${PORT}'));

  it('FROM image, stage name and platform', () => {
    fc.assert(
      fc.property(image, stageName, platform, (img, name, text) => {
        roundTrip(
          () => dockerfile().from(img as never, { as: name as never, platform: text as never }),
          (n) => {
            expect(n.args[0]).toBe(img);
            expect(n.args[2]).toBe(name);
            expect(meaning(n.flags[0]!.value!)).toBe(text);
          },
          1,
        );
      }),
      runs,
    );
  });

  it('EXPOSE', () => {
    fc.assert(
      fc.property(port, (p) => {
        roundTrip(
          () => stage().expose(p as never),
          (n) => expect(n.args).toEqual([p]),
        );
      }),
      runs,
    );
  });

  it('comments', () => {
    fc.assert(
      fc.property(str, (text) => {
        let b: { toString(): string; toAst(): never } | null = null;
        try {
          b = stage().comment(text).run('x') as never;
        } catch (error) {
          expect(error).toBeInstanceOf(DockerfileBuildError);
        }
        if (b) {
          built += 1;
          const tree = parse(emit(b));
          expect(tree.children.filter((c) => c.type === 'instruction')).toHaveLength(2);
        }
      }),
      runs,
    );
  });
});
