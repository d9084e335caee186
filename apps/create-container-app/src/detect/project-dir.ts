import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
} from 'node:fs';
import { join } from 'node:path';

/** Files larger than this are not read for detection (a lockfile may be a few MB). */
const MAX_BYTES = 8 * 1024 * 1024;
/** Directories never scanned for source: dependencies, environments, build output, VCS. */
const SKIP_DIRS = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  'env',
  '__pycache__',
  '.yarn',
  '.pnpm-store',
  'dist',
  'build',
  'coverage',
  '.next',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
]);

/**
 * A read-only view of an existing project for detection. It never writes, never follows a
 * symbolic link out of the project (links are not read), and reads at most a few MB per file
 * and a few thousand files, so a hostile or huge directory cannot make detection hang.
 *
 * @example
 * ```ts
 * const dir = new ProjectDir('/home/me/api');
 * dir.json('package.json') // { name: 'api', … } or undefined
 * ```
 */
export class ProjectDir {
  readonly root: string;
  #sources: string[] | undefined;

  constructor(root: string) {
    this.root = root;
  }

  /** Whether `path` is a regular file (not a link). */
  isFile(path: string): boolean {
    return this.#lstat(path)?.isFile() === true;
  }

  /** Whether `path` is a directory (not a link). */
  isDir(path: string): boolean {
    return this.#lstat(path)?.isDirectory() === true;
  }

  /** The text of a regular file, or undefined (missing, a link, too large, not a file). */
  read(path: string): string | undefined {
    if (!this.isFile(path)) return undefined;
    let fd: number;
    try {
      fd = openSync(join(this.root, path), constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch {
      return undefined;
    }
    try {
      const size = fstatSync(fd).size;
      if (size > MAX_BYTES) return undefined;
      const buffer = Buffer.alloc(size);
      let offset = 0;
      while (offset < size) {
        const n = readSync(fd, buffer, offset, size - offset, offset);
        if (n === 0) break;
        offset += n;
      }
      return buffer.subarray(0, offset).toString('utf8');
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /** A JSON file's value; undefined when missing; `null` when it does not parse. */
  json(path: string): unknown {
    const text = this.read(path);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  /** The names in a directory of the project (empty when it is not one). */
  entries(path = ''): string[] {
    if (path !== '' && !this.isDir(path)) return [];
    try {
      return readdirSync(join(this.root, path)).sort();
    } catch {
      return [];
    }
  }

  /**
   * Source files (by extension) outside dependency, environment and output directories, at
   * most 2,000 of them and 6 levels deep: what detection greps for ports, routes and handlers.
   */
  sources(extensions: readonly string[]): string[] {
    this.#sources ??= this.#walk('', 0, []);
    return this.#sources.filter((f) => extensions.some((e) => f.endsWith(e)));
  }

  #walk(dir: string, depth: number, out: string[]): string[] {
    if (depth > 6 || out.length >= 2000) return out;
    for (const entry of this.entries(dir)) {
      const rel = dir ? `${dir}/${entry}` : entry;
      const stats = this.#lstat(rel);
      if (stats?.isDirectory()) {
        if (!SKIP_DIRS.has(entry) && !entry.startsWith('.')) this.#walk(rel, depth + 1, out);
      } else if (stats?.isFile()) {
        out.push(rel);
      }
      if (out.length >= 2000) break;
    }
    return out;
  }

  #lstat(path: string) {
    try {
      return lstatSync(join(this.root, path));
    } catch {
      return undefined;
    }
  }
}
