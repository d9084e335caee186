import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './cli-error.js';

/** One file of the project, by path relative to the project directory. */
export interface ProjectFile {
  readonly path: string;
  readonly content: string;
}

/** What the target directory holds before anything is written. */
export interface TargetState {
  readonly exists: boolean;
  /** Entries other than `.git` (a fresh `git init` counts as empty, as in create-vite). */
  readonly entries: readonly string[];
}

/**
 * Looks at the target directory; a path that exists and is not a directory is an error.
 *
 * @example
 * ```ts
 * inspectTarget('/tmp/new-app') // { exists: false, entries: [] }
 * ```
 */
export function inspectTarget(target: string): TargetState {
  if (!existsSync(target)) return { exists: false, entries: [] };
  if (!statSync(target).isDirectory()) {
    throw new CliError(`${target} exists and is not a directory.`);
  }
  return { exists: true, entries: readdirSync(target).filter((e) => e !== '.git') };
}

/**
 * A staging directory beside the target (same filesystem, so moving into place is a rename),
 * where the project is written and the package manager runs. `commit` moves it into place;
 * `discard` removes it and any parent directory it had to create. Nothing reaches the target
 * before `commit`, so an error or Ctrl-C before then leaves no partial project.
 */
export class StagedProject {
  readonly dir: string;
  /** mkdtemp's directory (mode 0700) holding `dir`, which gets the usual mode from mkdir. */
  readonly #holder: string;
  readonly #target: string;
  readonly #createdParent: string | undefined;
  #done = false;

  constructor(target: string) {
    this.#target = target;
    const parent = dirname(target);
    this.#createdParent = existsSync(parent) ? undefined : mkdirSync(parent, { recursive: true });
    this.#holder = mkdtempSync(join(parent, `.${basename(target)}.create-container-app-`));
    this.dir = join(this.#holder, basename(target));
    mkdirSync(this.dir);
  }

  /** Writes the files into the staging directory. */
  write(files: readonly ProjectFile[]): void {
    for (const file of files) {
      const path = join(this.dir, file.path);
      // The project's files sit at its top level: no mkdir call for those.
      if (file.path.includes('/')) mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
  }

  /** Removes a path the package manager left in staging (yarn 1's node_modules). */
  remove(relative: string): void {
    rmSync(join(this.dir, relative), { recursive: true, force: true });
  }

  /**
   * Moves the staged files into the target. A missing target is one rename of the whole
   * directory. An existing one (empty, or non-empty with overwrite allowed) receives each
   * staged file by rename, replacing a file of the same name and leaving every other entry
   * alone: it never deletes a file it did not write.
   */
  commit(): string[] {
    const written = listFiles(this.dir);
    if (!existsSync(this.#target)) {
      renameSync(this.dir, this.#target);
      rmdirSync(this.#holder);
    } else {
      for (const rel of written) {
        const dest = join(this.#target, rel);
        if (existsSync(dest) && lstatSync(dest).isDirectory()) {
          throw new CliError(`Cannot write ${rel}: ${dest} is a directory. Nothing was changed.`);
        }
      }
      for (const rel of written) {
        const dest = join(this.#target, rel);
        mkdirSync(dirname(dest), { recursive: true });
        renameSync(join(this.dir, rel), dest);
      }
      rmSync(this.#holder, { recursive: true, force: true });
    }
    this.#done = true;
    return written;
  }

  /** Removes the staging directory (idempotent, synchronous: safe in a signal handler). */
  discard(): void {
    if (this.#done) return;
    this.#done = true;
    rmSync(this.#holder, { recursive: true, force: true });
    if (this.#createdParent) {
      // Remove the parents mkdir created, innermost first, while they are empty.
      let dir = dirname(this.#target);
      while (dir.length >= this.#createdParent.length) {
        try {
          rmdirSync(dir);
        } catch {
          break;
        }
        dir = dirname(dir);
      }
    }
  }
}

function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out.sort();
}
