import { describe, expect, it } from 'vitest';
import { parseDuration, parseGoDuration } from './parse-duration.js';

// Facts from Go's time.ParseDuration tests.
describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['5s', 5000],
    ['30s', 30000],
    ['1478s', 1478000],
    ['-5s', -5000],
    ['+5s', 5000],
    ['-0', 0],
    ['5.0s', 5000],
    ['5.6s', 5600],
    ['5.s', 5000],
    ['.5s', 500],
    ['1.004s', 1004],
    ['10ns', 0.00001],
    ['11us', 0.011],
    ['12µs', 0.012],
    ['12μs', 0.012],
    ['13ms', 13],
    ['14s', 14000],
    ['15m', 900000],
    ['16h', 57600000],
    ['3h30m', 12600000],
    ['1m30s', 90000],
    ['10.5s4m', 250500],
    ['-2m3.4s', -123400],
    ['1h2m3s4ms5us6ns', 3723004.005006],
  ])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['3', 'time: missing unit in duration "3"'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.', 'time: invalid duration "."'],
    ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'],
    ['+.s', 'time: invalid duration "+.s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
  ])('%j is invalid', (text, error) => {
    expect(parseDuration(text)).toBeNull();
    expect(parseGoDuration(text)).toEqual({ error });
  });
});
