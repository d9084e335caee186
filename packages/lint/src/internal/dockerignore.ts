import { compileGlob, type Glob } from '../compile-glob.js';

interface Pattern {
  readonly glob: Glob;
  readonly exclusion: boolean;
}

/**
 * A `.dockerignore` matcher (moby/patternmatcher semantics): one pattern a line, `#`
 * comments, `!` re-includes, `*` and `?` stay within a path component, `**` spans any
 * number of them, and a path is excluded when it or one of its parent directories matches.
 *
 * @example
 * ```ts
 * const ignored = dockerignoreMatcher('node_modules\n*.log\n!keep.log\n')
 * ignored('node_modules/x/y.js') // true
 * ignored('keep.log') // false
 * ```
 */
export function dockerignoreMatcher(text: string): (path: string) => boolean {
  return readDockerignore(text).matches;
}

/** A `.dockerignore` read for CopyIgnoredFile (see {@link dockerignoreMatcher}). */
export interface Dockerignore {
  /** The patterns, cleaned, `!` ones included with their `!`. */
  readonly patterns: readonly string[];
  /** Some pattern re-includes (`!…`): BuildKit then checks no COPY source. */
  readonly hasExclusions: boolean;
  readonly matches: (path: string) => boolean;
}

export function readDockerignore(text: string): Dockerignore {
  const patterns: Pattern[] = [];
  const written: string[] = [];
  for (let line of text.split(/\r?\n/)) {
    line = line.trim();
    if (line === '' || line.startsWith('#')) continue;
    let exclusion = false;
    if (line.startsWith('!')) {
      exclusion = true;
      line = line.slice(1).trim();
    }
    line = cleanPath(line);
    if (line === '' || line === '.') continue;
    patterns.push({ glob: compileGlob(line), exclusion });
    written.push(exclusion ? `!${line}` : line);
  }
  const matches = (path: string): boolean => {
    const clean = cleanPath(path);
    if (clean === '' || clean === '.') return false;
    const parents: string[] = [];
    const parts = clean.split('/');
    for (let i = 1; i <= parts.length; i++) parents.push(parts.slice(0, i).join('/'));
    let matched = false;
    for (const p of patterns) {
      const hit = p.glob.test(clean) || parents.some((d) => p.glob.test(d));
      if (hit) matched = !p.exclusion;
    }
    return matched;
  };
  return { patterns: written, hasExclusions: patterns.some((p) => p.exclusion), matches };
}

/** Go's `filepath.Clean` for relative slash paths, with leading `/` and `./` removed. */
export function cleanPath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join('/');
}
