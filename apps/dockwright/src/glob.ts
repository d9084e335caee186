import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * A glob as a regular expression over `/`-separated relative paths: `*` and `?` stay within
 * one path component, `**` spans any number, `{a,b}` alternates, `[…]` is a class.
 *
 * @example
 * ```ts
 * globToRegExp('**\/*.Dockerfile').test('a/b/web.Dockerfile') // true
 * ```
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, close).replace(/^!/, '^')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

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
  const regex = globToRegExp(normalized);
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
