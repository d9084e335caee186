/**
 * Exactness without an engine: for arbitrary strings through every method, the builder either
 * refuses with a DockerfileBuildError, or the printed Dockerfile re-parses with @dockwright/ast
 * (no diagnostics, the builder's own nodes) and BuildKit's reading of it, as modelled from its
 * sources (expansion, flag and CSV splitting, COPY's wildcard matcher), gives back exactly the
 * value. The engine test (exactness.docker.test.ts) checks the same in Docker 20.10.
 */
import {
  type EscapeChar,
  expand,
  type InstructionNode,
  parse,
  parseCsv,
  viewArg,
  viewCommand,
  viewCopy,
  viewRun,
} from '@dockwright/ast';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emit } from '../test/check.js';
import { containsWildcards, match, sourceSelects } from '../test/go-model.js';
import { commands, DockerfileBuildError, dockerfile, edit, heredoc, literal } from './index.js';

/** Characters that matter to BuildKit's parser, lexer and matcher, plus odd Unicode. */
const tricky = fc.constantFrom(
  ...['a', 'Z', '0', '_', 'V', ' ', '\t', '\n', '\r', '\v', '\\', '`', '"', "'", '$', '{', '}'],
  ...['[', ']', '*', '?', '-', '#', '<', '>', '=', ',', '/', '.', ':', '&', ';', '|', '(', ')'],
  ...['E', 'O', 'F', '\u0085', '\u00a0', '\u2028', '\u3000', 'é', '日', '😀', '\ud800', '\0'],
);
const str = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: tricky, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

const runs = {
  numRuns: Number(process.env.PROPERTY_RUNS ?? 300),
  // A loaded 2-core machine must not time the suite out: stop early rather than fail.
  interruptAfterTimeLimit: 15_000,
};

/** BuildKit's expansion with no variables set: a reference the check did not expect becomes ''. */
const meaning = (word: string, esc: EscapeChar = '\\') => expand(word, {}, { escape: esc });
const trimAscii = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');
const goTrim = (s: string) => s.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, '');
const ASCII = /^[\x00-\x7f]*$/;
const utf8 = new TextEncoder();

// biome-ignore lint/suspicious/noExplicitAny: arbitrary input, types deliberately bypassed
type Any = any;
const stage = (): Any => dockerfile().from('alpine:3.20', { as: 'base' });

/** Inputs the builder took in the current test: a builder that refused everything would pass. */
let built = 0;

/**
 * Builds from arbitrary input: either a DockerfileBuildError, or text that re-parses to the
 * builder's own nodes, whose every line fits BuildKit's 65,535 bytes and whose flags are ASCII;
 * `check` then sees the last instruction and the text.
 */
function roundTrip(make: () => Any, check: (node: InstructionNode, text: string) => void): void {
  let builder: { toString(): string; toAst(): never };
  try {
    builder = make();
  } catch (error) {
    if (!(error instanceof DockerfileBuildError)) throw error;
    return;
  }
  built += 1;
  const text = emit(builder);
  for (const l of text.split('\n')) expect(utf8.encode(l).length).toBeLessThanOrEqual(65_535);
  const parsed = parse(text).children.filter((c): c is InstructionNode => c.type === 'instruction');
  for (const n of parsed) for (const f of n.flags) expect(f.value ?? '', text).toMatch(ASCII);
  check(parsed[parsed.length - 1]!, text);
}

/** Each input both as itself and as `literal()`. */
const forms = (s: string): Any[] => [s, literal(s)];

describe('no input breaks the Dockerfile, and every value lands exactly', {
  timeout: 60_000,
}, () => {
  beforeEach(() => {
    built = 0;
  });
  afterEach(() => {
    expect(built, 'the builder refused every generated input').toBeGreaterThan(0);
  });

  it('WORKDIR, USER', () => {
    fc.assert(
      fc.property(str, str, (s, g) => {
        for (const v of forms(s)) {
          for (const method of ['workdir', 'user']) {
            roundTrip(
              () => stage()[method](v),
              (n) => expect(meaning(n.args.join(' '))).toBe(s),
            );
          }
          roundTrip(
            () => stage().user(v, g),
            (n) => expect(meaning(n.args.join(' '))).toBe(`${s}:${g}`),
          );
        }
      }),
      runs,
    );
  });

  it('ENV and LABEL keys and values', () => {
    fc.assert(
      fc.property(str, str, (k, v) => {
        for (const key of forms(k)) {
          for (const value of forms(v)) {
            for (const method of ['env', 'label']) {
              roundTrip(
                () => stage()[method](key, value),
                (n) => {
                  expect(meaning(n.args[0]!)).toBe(k);
                  expect(meaning(n.args[1]!)).toBe(v);
                },
              );
            }
          }
        }
      }),
      runs,
    );
  });

  it('references to declared variables expand, any other "$" stays a dollar', () => {
    // What the caller means: `$V` and `${V}` are the declared variable, every other `$` text.
    const intent = (s: string): string | null => {
      let out = '';
      for (let i = 0; i < s.length; i++) {
        if (s[i] !== '$') {
          out += s[i];
          continue;
        }
        if (s.startsWith('${V}', i)) {
          out += 'vv';
          i += 3;
        } else if (s[i + 1] === '{')
          return null; // another ${…} form: refused or not modelled
        else if (/[A-Za-z_]/.test(s[i + 1] ?? '')) {
          const name = /^[\p{L}\p{Nd}_]+/u.exec(s.slice(i + 1))![0];
          if (name !== 'V') return null;
          out += 'vv';
          i += name.length;
        } else out += '$';
      }
      return out;
    };
    fc.assert(
      fc.property(str, (v) => {
        roundTrip(
          () => stage().arg('V', 'vv').env('K', v),
          (n) => {
            const expected = intent(v);
            if (expected !== null) expect(expand(n.args[1]!, { V: 'vv' })).toBe(expected);
            else expect(v).toMatch(/\$\{/);
          },
        );
      }),
      runs,
    );
  });

  it('ARG defaults', () => {
    fc.assert(
      fc.property(str, (v) => {
        for (const value of forms(v)) {
          roundTrip(
            () => stage().arg('NAME', value),
            (n) => {
              const raw = viewArg(n).args[0]!.raw;
              expect(meaning(raw.slice(raw.indexOf('=') + 1))).toBe(v);
            },
          );
        }
      }),
      runs,
    );
  });

  it('COPY and ADD sources select exactly the named file; destinations land as written', () => {
    fc.assert(
      fc.property(str, str, (a, b) => {
        for (const method of ['copy', 'add']) {
          for (const source of forms(a)) {
            roundTrip(
              () => stage()[method]([source, 'x'], '/dst/'),
              (n) => {
                const path = meaning(viewCopy(n).sources[0]!.path);
                expect(sourceSelects(path, a), path).toBe(true);
                // A wildcard character in the name matches only itself.
                const variant = a.replace(/[*?[]/, 'x');
                if (variant !== a && containsWildcards(path)) {
                  expect(sourceSelects(path, variant), path).toBe(false);
                }
              },
            );
          }
          for (const destination of forms(b)) {
            roundTrip(
              () => stage()[method]('src', destination),
              (n) => expect(meaning(viewCopy(n).destination!)).toBe(b),
            );
          }
        }
      }),
      runs,
    );
  });

  it('VOLUME paths keep their edge whitespace', () => {
    fc.assert(
      fc.property(str, str, (a, b) => {
        roundTrip(
          () => stage().volume(a, literal(b)),
          // BuildKit trims each path, then expands it.
          (n) => expect(n.args.map((p) => meaning(goTrim(p)))).toEqual([a, b]),
        );
      }),
      runs,
    );
  });

  it('RUN shell, exec, command lists and heredocs', () => {
    fc.assert(
      fc.property(str, str, (a, b) => {
        roundTrip(
          () => stage().run(a),
          (n) => expect(viewRun(n).command).toBe(trimAscii(a)),
        );
        roundTrip(
          () => stage().run([a, b]),
          (n) => expect(viewRun(n).command).toEqual([a, b]),
        );
        roundTrip(
          () => stage().run(commands(a, b)),
          (n) => expect(viewRun(n).command).toBe(`${trimAscii(a)}     && ${trimAscii(b)}`),
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

  it('RUN mount values: literal for Docker 20.10, expanded once the frontend is pinned', () => {
    fc.assert(
      fc.property(str, str, (target, id) => {
        for (const t of forms(target)) {
          roundTrip(
            () => stage().run('true', { mounts: [{ type: 'cache', target: t, id }] }),
            (n, text) => {
              const parsed = parseCsv(n.flags[0]!.value!);
              expect('error' in parsed, n.flags[0]!.value!).toBe(false);
              const fields = Object.fromEntries(
                (parsed as { fields: string[] }).fields.map((f) => [
                  f.slice(0, f.indexOf('=')),
                  f.slice(f.indexOf('=') + 1),
                ]),
              );
              const pinned = text.startsWith('# syntax=docker/dockerfile:1.');
              const read = (v: string) => (pinned ? meaning(v) : v);
              expect(read(fields.target!)).toBe(target);
              expect(read(fields.id!)).toBe(id);
            },
          );
        }
      }),
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
            (n) => expect(viewCommand(n).command).toBe(trimAscii(a)),
          );
        }
        roundTrip(
          () => stage().healthcheck([a, b]),
          (n) => expect(n.args).toEqual(['CMD', a, b]),
        );
        roundTrip(
          () => stage().healthcheck(a),
          (n) => expect(n.args).toEqual(['CMD', trimAscii(a)]),
        );
        roundTrip(
          () => stage().shell([a, b]),
          (n) => expect(n.args).toEqual([a, b]),
        );
      }),
      runs,
    );
  });

  it('STOPSIGNAL and EXPOSE take only what Docker accepts, as written', () => {
    const signal = fc.oneof(str, fc.constantFrom('SIGTERM', 'term', '9', 'SIGRTMIN+3', '64'));
    const port = fc.oneof(str, fc.constantFrom('80', '8080/tcp', '1000-2000/udp', '0'));
    fc.assert(
      fc.property(signal, port, (s, p) => {
        roundTrip(
          () => stage().stopsignal(s),
          (n) => expect(n.args.map((a) => meaning(a))).toEqual([s]),
        );
        roundTrip(
          () => stage().expose(p),
          (n) => expect(n.args).toEqual([p]),
        );
      }),
      runs,
    );
  });

  // Arbitrary text alone is almost never a valid image, stage name or platform: mix in values
  // the builder takes, so the round trip is checked and not only the refusal.
  const image = fc.oneof(str, fc.constantFrom('alpine:3.20', 'node:22-slim', '${BASE}', 'scratch'));
  const stageName = fc.oneof(str, fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/));
  const platform = fc.oneof(
    str,
    fc.constantFrom('linux/amd64', 'linux/arm64/v8', '$BUILDPLATFORM'),
  );

  it('FROM image, stage name and platform', () => {
    fc.assert(
      fc.property(image, stageName, platform, (img, name, text) => {
        roundTrip(
          () => (dockerfile().arg('BASE') as Any).from(img, { as: name, platform: text }),
          (n) => {
            expect(n.args).toEqual([img, 'AS', name]);
            expect(meaning(n.flags[0]!.value!)).toBe(text.replace(/\$BUILDPLATFORM/, ''));
          },
        );
      }),
      runs,
    );
  });

  it('comments', () => {
    fc.assert(
      fc.property(str, (text) => {
        roundTrip(
          () => stage().comment(text).run('x'),
          (n) => expect(n.keyword).toBe('RUN'),
        );
      }),
      runs,
    );
  });

  it('values past 65,535 bytes continue on new lines and land exactly', () => {
    const long = fc
      .tuple(str, fc.integer({ min: 66_000, max: 140_000 }))
      .map(([s, n]) => (s === '' ? 'x' : s).repeat(Math.ceil(n / Math.max(1, s.length))));
    fc.assert(
      fc.property(long, (v) => {
        roundTrip(
          () => stage().env('LONG', literal(v)),
          (n) => expect(meaning(n.args[1]!)).toBe(v),
        );
        roundTrip(
          () => stage().run(['echo', v]),
          (n) => expect(n.args).toEqual(['echo', v]),
        );
      }),
      { ...runs, numRuns: Math.max(5, Math.floor(runs.numRuns / 20)) },
    );
  });
});

describe('the Go model the properties rely on', () => {
  it('matches like filepath.Match', () => {
    expect(match('pages[\\[]id].js', 'pages[id].js')).toBe(true);
    expect(match('pages[id].js', 'pagesi.js')).toBe(true);
    expect(match('a\\*b', 'a*b')).toBe(true);
    expect(match('a\\*b', 'axb')).toBe(false);
    expect(match('*', 'a/b')).toBe(false);
    expect(match('[', 'x')).toBe(false);
  });

  it('finds a literal name only without a backslash', () => {
    expect(sourceSelects('/back\\slash', 'back\\slash')).toBe(false);
    expect(sourceSelects('/back[\\\\]slash', 'back\\slash')).toBe(true);
    expect(sourceSelects('a/../b', 'b')).toBe(true);
  });

  it('a backtick file refuses a flag value that needs an escape (frontends disagree on it)', () => {
    const loaded = (): Any => edit('# escape=`\nFROM alpine\n');
    expect(() => loaded().run('true', { mounts: [{ type: 'cache', target: '/a b' }] })).toThrow(
      /escape=`.*frontends up to 1\.14 escape flag values with "\\", later ones with "`"/,
    );
    expect(emit(loaded().run('true', { mounts: [{ type: 'cache', target: '/ab' }] }))).toContain(
      'RUN --mount=type=cache,target=/ab true',
    );
  });
});
