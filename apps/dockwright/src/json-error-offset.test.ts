import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-error-offset.js';

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": }', 6],
    ['rules: [', 0],
    ['{"a": 1,}', 8],
    ['[1 2]', 3],
    ['[,1]', 1],
    ['{"a" 1}', 5],
    ['{"a": "x\ny"}', 8],
    ['{"a": "\\q"}', 7],
    ['{"a": [1, 2]', 12],
    ['', 0],
    ['{} x', 3],
    ['01', 1],
    ['{"a": tru}', 6],
  ])('%j → %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('takes deep nesting', () => {
    expect(jsonErrorOffset(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe(-1);
    expect(jsonErrorOffset(`${'['.repeat(100_000)}x`)).toBe(100_000);
  });

  it('calls valid exactly what JSON.parse accepts', () => {
    const valid = (t: string): boolean => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (json, at, junk) => {
        expect(jsonErrorOffset(json)).toBe(-1);
        const i = at % (json.length + 1);
        const broken = json.slice(0, i) + junk + json.slice(i);
        expect(jsonErrorOffset(broken) === -1).toBe(valid(broken));
      }),
      { numRuns: 2000, interruptAfterTimeLimit: 3000, markInterruptAsFailure: false },
    );
  }, 30_000);
});
