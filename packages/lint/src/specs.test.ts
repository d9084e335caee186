import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding, parseSpecFile } from '../test/spec-file.js';
import { lintWith } from './lint.js';
import { allRules } from './rules/all-rules.js';
import { buildkitRules } from './rules/buildkit-rules.js';
import { hadolintRules } from './rules/hadolint-rules.js';
import type { Rule } from './types.js';

// Specifications that run a whole set of rules and compare every finding (the per-rule ones are
// in rules.test.ts).
const root = join(import.meta.dirname, '../test');

function run(file: string, rules: readonly Rule[], merge: boolean): void {
  const spec = parseSpecFile(readFileSync(join(root, file), 'utf8'), file);
  describe(`${file}: ${spec.title}`, () => {
    for (const c of spec.cases) {
      it(`${c.title} (line ${c.line})`, () => {
        const options = {
          ...c.options,
          ...(c.dockerignore !== null ? { dockerignore: c.dockerignore } : {}),
        };
        const found = lintWith(`${c.dockerfile}\n`, options, rules, { merge });
        expect(found.map(formatFinding)).toEqual(c.findings);
      });
    }
  });
}

// BuildKit's own check tests (dockerfile_check_test.go), with every BuildKit check as
// `docker build --check` runs them, parse errors included.
describe("BuildKit's check tests", () => {
  for (const file of readdirSync(join(root, 'buildkit')).filter((f) => f.endsWith('.md'))) {
    run(`buildkit/${file}`, buildkitRules, false);
  }
});

describe("hadolint's pragma tests", () => {
  run('hadolint-pragmas.md', hadolintRules, false);
});

describe('one finding per problem', () => {
  run('same-problem.md', allRules, true);
});
