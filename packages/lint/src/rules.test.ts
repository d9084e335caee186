import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from './lint.js';
import { allRules } from './rules/all-rules.js';

const root = join(import.meta.dirname, '../test/fixtures');
const ruleDir = (id: string): string => id.replace('/', '-');

describe('every rule has fixtures that trigger it and fixtures that must not', () => {
  for (const rule of allRules) {
    const dir = join(root, ruleDir(rule.meta.id));
    it(`${rule.meta.id} has fixtures`, () => {
      expect(existsSync(dir)).toBe(true);
      const files = readdirSync(dir);
      expect(files.some((f) => f.startsWith('bad'))).toBe(true);
      expect(files.some((f) => f.startsWith('good'))).toBe(true);
    });
    if (!existsSync(dir)) continue;
    const ignorePath = join(dir, '.dockerignore');
    const dockerignore = existsSync(ignorePath) ? readFileSync(ignorePath, 'utf8') : undefined;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.Dockerfile'))
      .sort()) {
      const text = readFileSync(join(dir, file), 'utf8');
      const ids = lint(text, { file, ...(dockerignore !== undefined ? { dockerignore } : {}) }).map(
        (f) => f.ruleId,
      );
      it(`${rule.meta.id} ${file}`, () => {
        if (file.startsWith('bad')) expect(ids).toContain(rule.meta.id);
        else expect(ids).not.toContain(rule.meta.id);
      });
    }
  }
});
