import { CliError } from '@dockwright/cli-kit';
import { describe, expect, it } from 'vitest';
import { nameValuePairs } from './name-value-pairs.js';

describe('nameValuePairs', () => {
  it('keeps the last value given for a name, and takes a bare name from the environment', () => {
    expect({
      ...nameValuePairs(['A=1', 'B=x=y', 'A=2', 'C', 'D'], '--build-arg', { C: 'c' }),
    }).toEqual({ A: '2', B: 'x=y', C: 'c' });
  });

  it('refuses a bare name without an environment, and an empty name', () => {
    expect(() => nameValuePairs(['A'], '--label')).toThrow(CliError);
    expect(() => nameValuePairs(['=1'], '--build-arg', {})).toThrow(
      '--build-arg takes name=value, not "=1"',
    );
  });

  it('keeps __proto__ and constructor as names like any other', () => {
    const pairs = nameValuePairs(['__proto__=x', 'constructor=y'], '--build-arg', {});
    expect(Object.keys(pairs)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(pairs, '__proto__')?.value).toBe('x');
    expect({ ...pairs }).toEqual(JSON.parse('{"__proto__":"x","constructor":"y"}'));
  });
});
