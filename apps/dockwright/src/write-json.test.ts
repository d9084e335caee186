import { parse } from '@dockwright/ast';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJson } from './write-json.js';

function written(value: unknown, depth?: number): string {
  let out = '';
  writeJson(
    value,
    (chunk) => {
      out += chunk;
      return true;
    },
    depth,
  );
  return out;
}

describe('writeJson', () => {
  it('writes what JSON.stringify(value, null, 2) does, for syntax trees', () => {
    const text =
      'FROM alpine AS build\nRUN <<EOF\necho hi\nEOF\nCOPY --from=build ["a", "b"]\nRUNN x\n# c\n';
    expect(written(parse(text))).toBe(JSON.stringify(parse(text), null, 2));
  });

  it('writes what JSON.stringify does, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(4), (value, depth) => {
        expect(written(value, depth)).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 1000, interruptAfterTimeLimit: 3000, markInterruptAsFailure: false },
    );
  }, 30_000);

  it('follows toJSON and leaves out undefined and functions as JSON does', () => {
    const value = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1],
      d: { toJSON: (key: string) => `key ${key}` },
      e: {},
      f: [],
      g: new Date(0),
    };
    expect(written(value, 9)).toBe(JSON.stringify(value, null, 2));
  });

  it('stops when the reader has gone', () => {
    const chunks: string[] = [];
    writeJson(
      Array.from({ length: 100_000 }, (_, i) => ({ i })),
      (chunk) => {
        chunks.push(chunk);
        return false;
      },
    );
    expect(chunks).toHaveLength(1);
  });
});
