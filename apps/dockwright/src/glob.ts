import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { globToRegExp } from '@dockwright/lint';

/** Whether a path has glob characters (else it names one file). */
export function hasGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

const SKIP = new Set(['node_modules', '.git']);

/** Files under `cwd` matching a glob (sorted), skipping node_modules and .git. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const parts = normalized.split('/');
  const staticParts: string[] = [];
  for (const p of parts) {
    if (hasGlob(p)) break;
    staticParts.push(p);
  }
  const base = join(cwd, ...staticParts);
  const regex = globToRegExp(normalized, { braces: true });
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(full);
      } else if (e.isFile() || (e.isSymbolicLink() && safeIsFile(full))) {
        const rel = relative(cwd, full).split(sep).join('/');
        if (regex.test(rel)) out.push(rel);
      }
    }
  };
  walk(base);
  return out.sort();
}

function safeIsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
