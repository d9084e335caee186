import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dump } from '../print/dump.js';
import { print } from '../print/print.js';
import { parse } from './parse.js';

// BuildKit's own parser corpus (Apache-2.0, see test/fixtures/buildkit-parser/NOTICE.md).
const root = join(import.meta.dirname, '../../test/fixtures/buildkit-parser');
const cases = readdirSync(join(root, 'testfiles')).sort();
const negative = readdirSync(join(root, 'testfiles-negative')).sort();

// What BuildKit's parser itself rejects; the corpus also holds instructions its parser accepts
// and its instruction layer rejects later (unknown flags in `flags`, `HEALTHCHECK CONNECT`).
const PARSER_ERRORS = new Set([
  'NoInstructions',
  'LineTooLong',
  'DuplicateDirective',
  'InvalidEscapeDirective',
  'InvalidArguments',
  'JsonNotStringArray',
  'UnterminatedHeredoc',
  'InvalidHeredoc',
]);

describe('BuildKit parser corpus', () => {
  it('has all 33 cases and 4 negative ones', () => {
    expect(cases).toHaveLength(33);
    expect(negative).toHaveLength(4);
  });

  it.each(cases)('%s prints back byte for byte', (name) => {
    const text = readFileSync(join(root, 'testfiles', name, 'Dockerfile'), 'utf8');
    expect(print(parse(text))).toBe(text);
  });

  it.each(cases)('%s dumps as BuildKit does', (name) => {
    const text = readFileSync(join(root, 'testfiles', name, 'Dockerfile'), 'utf8');
    const expected = readFileSync(join(root, 'testfiles', name, 'result'), 'utf8');
    const tree = parse(text);
    expect(dump(tree)).toBe(expected);
    expect(tree.diagnostics.filter((d) => PARSER_ERRORS.has(d.code))).toEqual([]);
  });

  it.each(negative)('%s is an error', (name) => {
    const text = readFileSync(join(root, 'testfiles-negative', name, 'Dockerfile'), 'utf8');
    const tree = parse(text);
    expect(tree.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(print(tree)).toBe(text);
  });
});
