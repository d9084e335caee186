import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding, parseSpecFile } from '../test/spec-file.js';
import { lintWith } from './lint.js';
import { buildkitRules } from './rules/buildkit-rules.js';

// BuildKit's own check tests (dockerfile_check_test.go), each case run with every BuildKit check
// as `docker build --check` runs them: every finding is compared, parse errors included.
const root = join(import.meta.dirname, '../test/buildkit');

describe("BuildKit's check tests", () => {
  for (const file of readdirSync(root).filter((f) => f.endsWith('.md'))) {
    const spec = parseSpecFile(readFileSync(join(root, file), 'utf8'), file);
    describe(spec.title, () => {
      for (const c of spec.cases) {
        it(`${c.title} (line ${c.line})`, () => {
          const options = {
            ...c.options,
            ...(c.dockerignore !== null ? { dockerignore: c.dockerignore } : {}),
          };
          const found = lintWith(`${c.dockerfile}\n`, options, buildkitRules, { merge: false });
          expect(found.map(formatFinding)).toEqual(c.findings);
        });
      }
    });
  }
});
