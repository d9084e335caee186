import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatFinding,
  parseSpecFile,
  type SpecCase,
  wrapRunsInOnbuild,
} from '../test/spec-file.js';
import { applyFixes } from './apply-fixes.js';
import { lintWith } from './lint.js';
import { allRules } from './rules/all-rules.js';
import type { LintOptions, Rule } from './types.js';

const root = join(import.meta.dirname, '../test/rules');
const fileOf = (id: string): string => join(root, `${id.replace('/', '-')}.md`);

/** Every rule but `rule` switched off: the fixes `--fix` applies for this rule alone. */
function only(rule: Rule, options: LintOptions): LintOptions {
  const rules = Object.fromEntries(
    allRules.filter((r) => r !== rule).map((r) => [r.meta.id, 'off' as const]),
  );
  return { ...options, rules: { ...rules, ...options.rules } };
}

function findingsOf(rule: Rule, text: string, c: SpecCase): string[] {
  const options: LintOptions = {
    ...c.options,
    ...(c.dockerignore !== null ? { dockerignore: c.dockerignore } : {}),
  };
  return lintWith(`${text}\n`, options, [rule], { merge: false })
    .filter((f) => f.ruleId === rule.meta.id)
    .map(formatFinding);
}

describe('every rule has a specification: cases with the findings expected', () => {
  for (const rule of allRules) {
    const { id } = rule.meta;
    const file = fileOf(id);
    it(`${id} has test/rules/${id.replace('/', '-')}.md with cases it reports and cases it does not`, () => {
      expect(existsSync(file)).toBe(true);
      const spec = parseSpecFile(readFileSync(file, 'utf8'), file);
      expect(spec.title.split(/\s/)[0]).toBe(id);
      expect(spec.cases.some((c) => (c.findings?.length ?? 0) > 0)).toBe(true);
      expect(spec.cases.some((c) => c.findings?.length === 0)).toBe(true);
    });
    if (!existsSync(file)) continue;
    const spec = parseSpecFile(readFileSync(file, 'utf8'), file);
    describe(id, () => {
      for (const c of spec.cases) {
        it(`${c.title} (line ${c.line})`, () => {
          if (c.findings !== null) expect(findingsOf(rule, c.dockerfile, c)).toEqual(c.findings);
          if (c.onbuild !== null) {
            expect(findingsOf(rule, wrapRunsInOnbuild(c.dockerfile), c)).toEqual(c.onbuild);
          }
          if (c.fixed !== null) {
            expect(applyFixes(`${c.dockerfile}\n`, only(rule, c.options)).output).toBe(
              `${c.fixed}\n`,
            );
          }
        });
      }
    });
  }

  it('has no specification for a rule that does not exist', () => {
    const ids = new Set(allRules.map((r) => `${r.meta.id.replace('/', '-')}.md`));
    const stray = readdirSync(root).filter((f) => f.endsWith('.md') && !ids.has(f));
    expect(stray).toEqual([]);
  });
});
