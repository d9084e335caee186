import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

// The main entry runs in browsers: only the ShellCheck runner (its own entry,
// `@dockwright/lint/shellcheck`) may use Node built-ins, and nothing else imports it.
it('keeps Node built-ins in the ShellCheck runner', () => {
  const root = import.meta.dirname;
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const file = relative(root, path);
        const source = readFileSync(path, 'utf8');
        for (const m of source.matchAll(/\bfrom\s+'([^']+)'/g)) {
          const specifier = m[1]!;
          if (specifier.startsWith('node:') && file !== 'shellcheck/run-shellcheck.ts') {
            offenders.push(`${file}: ${specifier}`);
          }
          if (specifier.endsWith('/run-shellcheck.js') && file !== 'shellcheck.ts') {
            offenders.push(`${file}: ${specifier}`);
          }
        }
      }
    }
  };
  walk(root);
  expect(offenders).toEqual([]);
});
