// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile words are written with ${…} in plain strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budget, PROPERTY_TIMEOUT } from '../../test/property-budget.js';
import { type ExpandOptions, expand, expandWithMatches, expandWords } from './expand.js';
import { ExpansionError } from './expansion-error.js';

const special = ['$', '{', '}', ':', '-', '+', '?', '#', '%', '/', '*', '=', '@', '0', '1'];
const quoting = ['\\', '`', '"', "'", ' ', '\t', '\n'];
const plain = ['a', 'B', '_', 'x', '한', '😀', '.'];

/** Words dense in the characters that matter, so most inputs reach the interesting branches. */
const shellish = fc.string({
  unit: fc.constantFrom(...special, ...quoting, ...plain),
  maxLength: 40,
});

const options: fc.Arbitrary<ExpandOptions> = fc.record(
  {
    escape: fc.constantFrom('\\' as const, '`' as const),
    skipUnsetEnv: fc.boolean(),
    rawQuotes: fc.boolean(),
    rawEscapes: fc.boolean(),
    skipProcessQuotes: fc.boolean(),
  },
  { requiredKeys: [] },
);

const env = fc.dictionary(
  fc.constantFrom('a', 'B', '_', 'x', '1', '@', '한'),
  fc.string({ unit: fc.constantFrom(...special, ...quoting, ...plain), maxLength: 8 }),
);

function onlyExpansionErrors(word: string, run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExpansionError);
    const e = error as ExpansionError;
    expect(e.word).toBe(word);
    expect(e.reason).not.toBe('');
    expect(e.message.startsWith('failed to process "')).toBe(true);
    expect(e.message.endsWith(`": ${e.reason}`)).toBe(true);
  }
}

describe('property: expand throws nothing but ExpansionError', () => {
  it(
    'for shell-like words, any env and any options',
    () => {
      fc.assert(
        fc.property(shellish, env, options, (word, vars, opts) => {
          onlyExpansionErrors(word, () => expand(word, vars, opts));
          onlyExpansionErrors(word, () => expandWords(word, vars, opts));
          onlyExpansionErrors(word, () => expandWithMatches(word, (name) => vars[name], opts));
        }),
        budget(3000),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'for arbitrary strings',
    () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 60 }), env, (word, vars) => {
          onlyExpansionErrors(word, () => expand(word, vars));
          onlyExpansionErrors(word, () => expandWords(word, vars));
        }),
        budget(2000),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'the three entry points agree',
    () => {
      fc.assert(
        fc.property(shellish, env, options, (word, vars, opts) => {
          let single: string | ExpansionError;
          try {
            single = expand(word, vars, opts);
          } catch (error) {
            single = error as ExpansionError;
          }
          if (single instanceof ExpansionError) {
            expect(() => expandWithMatches(word, vars, opts)).toThrow(single.message);
            expect(() => expandWords(word, vars, opts)).toThrow(single.message);
            return;
          }
          const full = expandWithMatches(word, vars, opts);
          expect(full.result).toBe(single);
          expect(expandWords(word, vars, opts)).toEqual(full.words);
          for (const name of full.matched) expect(Object.hasOwn(vars, name)).toBe(true);
          for (const name of full.unmatched) expect(Object.hasOwn(vars, name)).toBe(false);
        }),
        budget(2000),
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('property: words without $, quotes or the escape char are unchanged', () => {
  const noSpecials = (esc: string) =>
    fc
      .string({ unit: 'binary', maxLength: 60 })
      .map((s) => s.replace(/[$'"\uFEFF]/g, '').replaceAll(esc, ''));

  it.each(['\\', '`'] as const)(
    'escape %s',
    (esc) => {
      fc.assert(
        fc.property(noSpecials(esc), env, (word, vars) => {
          expect(expand(word, vars, { escape: esc })).toBe(word);
          const raw = { escape: esc, rawQuotes: true, rawEscapes: true };
          expect(expand(word, vars, raw)).toBe(word);
        }),
        budget(2000),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'and split only on whitespace',
    () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom('a', 'b', '{', '}', ' ', '\t', '\n'), maxLength: 30 }),
          (word) => {
            expect(expandWords(word, {})).toEqual(word.split(/[ \t\n]+/).filter((w) => w !== ''));
          },
        ),
        budget(100),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
