import { describe, expect, it } from 'vitest';
import { CheckConfigError, parseCheckConfig } from './check-config.js';

describe('parseCheckConfig', () => {
  it.each([
    ['', { skip: [], skipAll: false, error: null }],
    ['  ', { skip: [], skipAll: false, error: null }],
    ['skip=all', { skip: [], skipAll: true, error: null }],
    [' skip = A, B ;error=1', { skip: ['A', 'B'], skipAll: false, error: true }],
    ['error=false', { skip: [], skipAll: false, error: false }],
    // SplitN(…, 3): the third part keeps the rest, so `d` stays inside the experimental list.
    ['skip=A;error=T;experimental=x;d', { skip: ['A'], skipAll: false, error: true }],
    // A later skip= replaces the list (BuildKit assigns).
    ['skip=A;skip=B', { skip: ['B'], skipAll: false, error: null }],
  ])('parses %j', (value, expected) => {
    const c = parseCheckConfig(value);
    expect({ skip: [...c.skip], skipAll: c.skipAll, error: c.error }).toEqual(expected);
  });

  it('keeps a third part whole, as Go strings.SplitN does', () => {
    expect([...parseCheckConfig('skip=A;error=T;experimental=x;d').experimental]).toEqual(['x;d']);
  });

  it.each([
    ['bogus=1', 'invalid check option "bogus"'],
    ['skip=all;bogus', 'invalid check option "bogus"'],
    ['skip=all;', 'invalid check option ""'],
    ['Skip=all', 'invalid check option "Skip"'],
    ['skip=A;error=T;bogus=1', 'invalid check option "bogus"'],
    [
      'error=maybe',
      'failed to parse check option "error=maybe": strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
  ])('rejects %j with BuildKit words', (value, message) => {
    expect(() => parseCheckConfig(value)).toThrow(CheckConfigError);
    expect(() => parseCheckConfig(value)).toThrow(message);
  });
});
