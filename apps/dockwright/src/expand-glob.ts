import { type Dirent, existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CliError } from '@dockwright/cli-kit';
import { compileGlob, escapeTerminal, type Glob } from '@dockwright/lint';

const SKIP = new Set(['node_modules', '.git']);

/**
 * The files named on the command line: paths, globs (`**`, `*`, `?`, `[…]`, `{a,b}`; an
 * argument that names an existing file is that file), or `-` for stdin; in order, without
 * repeats, less those the config's `ignore.files` globs match (stdin is never ignored).
 * Throws a {@link CliError} for a glob that matches nothing.
 *
 * @example
 * ```ts
 * selectFiles(['**\/Dockerfile', '-'], '/repo', []) // ['Dockerfile', 'web/Dockerfile', '-']
 * ```
 */
export function selectFiles(
  args: readonly string[],
  cwd: string,
  ignore: readonly Glob[],
): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push('-');
      continue;
    }
    // resolve(cwd, '') is the working directory itself: never what was meant.
    if (arg === '') throw new CliError("an empty file name ('') was given");
    // `\` escapes in a glob; only Windows writes paths with it.
    const path = sep === '\\' ? arg.replaceAll('\\', '/') : arg;
    const glob = compileGlob(path.replace(/^\.\//, ''), { braces: true });
    if (glob.literal || existsSync(resolve(cwd, arg))) {
      out.push(arg);
      continue;
    }
    const matches = expandGlob(glob, cwd);
    if (matches.length === 0) throw new CliError(`${escapeTerminal(arg)}: no files match`);
    out.push(...matches);
  }
  return [...new Set(out)].filter(
    (f) => f === '-' || !ignore.some((g) => g.test(f.replace(/^\.\//, ''))),
  );
}

/**
 * Files under the glob's base matching it (sorted), skipping node_modules and .git and every
 * directory inside which nothing can match. Symbolic links to files count; links to
 * directories are not followed (no loops). Paths are relative to `cwd` (absolute for an
 * absolute glob).
 */
export function expandGlob(glob: Glob, cwd: string): string[] {
  const absolute = isAbsolute(glob.source);
  const shown = (full: string): string =>
    absolute ? full : relative(cwd, full).split(sep).join('/');
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && glob.canMatchInside(shown(full))) walk(full);
      } else if (e.isFile() || (e.isSymbolicLink() && isFile(full))) {
        if (glob.test(shown(full))) out.push(shown(full));
      }
    }
  };
  walk(resolve(cwd, glob.base));
  return out.sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
