import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dump } from '../print/dump.js';
import { print } from '../print/print.js';
import { parse } from './parse.js';

// Shapes the BuildKit corpus lacks, each with its expected tree (raws left out: they are the
// source text itself, which the round-trip assertion covers).
const root = join(import.meta.dirname, '../../test/fixtures/shapes');
const cases = readdirSync(root).sort();

function withoutRaws(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'raws' ? undefined : v)));
}

it('finds every shape fixture', () => {
  expect(cases).toEqual([
    'backtick-escape',
    'bom',
    'crlf',
    'heredocs',
    'multi-stage-mounts',
    'onbuild-and-healthcheck',
  ]);
});

describe.each(cases)('fixture %s', (name) => {
  const text = readFileSync(join(root, name, 'Dockerfile'), 'utf8');
  const tree = parse(text, { file: 'Dockerfile' });

  it('prints back byte for byte', () => {
    expect(print(tree)).toBe(text);
  });

  it('has no error diagnostics', () => {
    expect(tree.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('parses to the expected tree', async () => {
    await expect(JSON.stringify(withoutRaws(tree), null, 2) + '\n').toMatchFileSnapshot(
      join(root, name, 'tree.json'),
    );
  });

  it('dumps to the expected BuildKit lines', async () => {
    await expect(dump(tree)).toMatchFileSnapshot(join(root, name, 'dump'));
  });
});
