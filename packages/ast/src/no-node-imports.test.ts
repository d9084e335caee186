import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

// The package runs in browsers: no Node built-ins and no dependencies outside tests.
it('imports nothing but its own modules outside tests', () => {
  const root = import.meta.dirname;
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(entry.name)) {
        const source = readFileSync(path, 'utf8');
        for (const match of source.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'/g)) {
          const specifier = match[1] ?? match[2]!;
          if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
            offenders.push(`${relative(root, path)}: ${specifier}`);
          }
        }
      }
    }
  };
  walk(root);
  expect(offenders).toEqual([]);
});
