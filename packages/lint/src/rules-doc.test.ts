import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from './rules/all-rules.js';
import { findingsOf, rulesDoc } from './rules-doc.js';

describe('docs/rules.md', () => {
  it('is what the rules’ metadata generates (run `pnpm --filter @dockwright/lint docs` after changing a rule)', () => {
    const page = readFileSync(join(import.meta.dirname, '../../../docs/rules.md'), 'utf8');
    expect(page).toBe(rulesDoc());
  });

  for (const rule of allRules) {
    it(`${rule.meta.id} documents an example it reports and one it does not`, () => {
      const examples = rule.meta.examples;
      expect(examples).toBeDefined();
      if (!examples) return;
      expect(findingsOf(rule, examples.reported).length).toBeGreaterThan(0);
      expect(findingsOf(rule, examples.notReported)).toEqual([]);
    });
  }
});
