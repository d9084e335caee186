import {
  constants,
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  type Stats,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from '@dockwright/cli-kit';
import { lstatOrUndefined, reason, type TargetState } from './target.js';

/** One file of the project, by path relative to the project directory. */
export interface ProjectFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Which existing files the run may replace: none, any file it writes (`--overwrite` for a new
 * project), or exactly the names listed (`--overwrite=Dockerfile,compose.yaml` with
 * `--existing`).
 */
export type OverwritePolicy = false | true | ReadonlySet<string>;

/** What a commit did. */
export interface CommitResult {
  /** Every file now in the target that this run wrote, sorted. */
  readonly written: readonly string[];
  /** The ones that replaced a file of the same name. */
  readonly replaced: readonly string[];
}

/** Errors that mean "no hard links here", after which a file is copied instead. */
const NO_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS']);

type Undo =
  | { readonly kind: 'created-file'; readonly path: string; readonly stats: Stats }
  | { readonly kind: 'created-dir'; readonly path: string }
  | { readonly kind: 'replaced'; readonly path: string; readonly backup: string };

/**
 * The project is written to a staging directory first; the package manager runs there; then
 * `commit` moves it into the target in one step, or `discard` removes it. Nothing reaches the
 * target before `commit`, and a commit that fails part-way undoes what it wrote, so an error
 * or Ctrl-C never leaves half a project.
 *
 * Where the staging directory lives decides which file systems work:
 * - target missing: beside it, in the parent the target is created in (the same file system,
 *   so the whole directory arrives with one rename);
 * - target exists (empty, or `--overwrite`): inside it, so nothing is written to its parent
 *   (an empty writable directory in a read-only parent works) and a target that is a mount
 *   point or a link to another file system (`docker run -v "$PWD":/app`, a devcontainer) is
 *   the same file system as its staging directory. Files are placed with `link` (which never
 *   replaces an existing file) or, where the file system has no hard links, copied with
 *   `COPYFILE_EXCL`.
 *
 * The target is checked again at the moment of writing: without `--overwrite`, anything that
 * appeared in it meanwhile (an editor saving README.md during a slow install) stops the commit
 * before a single file is written.
 */
export class StagedProject {
  /** Where the files are written and the package manager runs. */
  readonly dir: string;
  /** mkdtemp's directory (mode 0700): holds `dir` and the backups of replaced files. */
  readonly #holder: string;
  readonly #target: string;
  readonly #shown: string;
  readonly #targetExisted: boolean;
  readonly #overwrite: OverwritePolicy;
  /** The outermost parent directory this run created for a missing target, if any. */
  readonly #createdParent: string | undefined;
  /** The staging directory inside an existing target, as first made: the commit finds it again. */
  #holderStats: Stats | undefined;
  #done = false;

  constructor(options: {
    target: string;
    /** The target as the user wrote it, for messages. */
    shown: string;
    state: TargetState;
    overwrite: OverwritePolicy;
  }) {
    this.#target = options.target;
    this.#shown = options.shown;
    this.#overwrite = options.overwrite;
    this.#targetExisted = options.state.exists;
    try {
      if (options.state.exists) {
        this.#createdParent = undefined;
        this.#holder = mkdtempSync(join(this.#target, '.create-container-app-'));
        this.#holderStats = lstatSync(this.#holder);
        this.dir = join(this.#holder, 'project');
      } else {
        const parent = dirname(this.#target);
        this.#createdParent = lstatOrUndefined(parent)
          ? undefined
          : mkdirSync(parent, { recursive: true });
        this.#holder = mkdtempSync(
          join(parent, `.${basename(this.#target)}.create-container-app-`),
        );
        // Named like the target: a package manager that looks at the directory name sees it.
        this.dir = join(this.#holder, basename(this.#target));
      }
      // The usual mode for a new directory (mkdir's), not mkdtemp's 0700: a missing target is
      // this very directory once renamed into place.
      mkdirSync(this.dir);
    } catch (error) {
      this.#done = true;
      this.#removeCreatedParents();
      throw new CliError(
        `Cannot write to ${options.shown}: ${reason(error)}. Nothing was written.`,
        undefined,
        { cause: error },
      );
    }
  }

  /** The name of the staging directory inside an existing target (skipped when listing it). */
  get holderName(): string {
    return basename(this.#holder);
  }

  /**
   * Writes the files into the staging directory. A failure (a full disk) is a
   * {@link CliError}: the caller's cleanup removes the staging directory, so nothing is left.
   */
  write(files: readonly ProjectFile[]): void {
    for (const file of files) {
      const path = join(this.dir, file.path);
      try {
        if (file.path.includes('/')) mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.content, { flag: 'wx' });
      } catch (error) {
        throw new CliError(
          `Cannot write ${file.path} for ${this.#shown}: ${reason(error)}. Nothing was written.`,
          undefined,
          { cause: error },
        );
      }
    }
  }

  /** Removes a path the package manager left in staging (yarn 1's node_modules). */
  remove(relative: string): void {
    rmSync(join(this.dir, relative), { recursive: true, force: true });
  }

  /** A new empty directory inside the staging area that is never committed (scratch space). */
  scratch(name: string): string {
    const dir = join(this.#holder, `scratch-${name}`);
    mkdirSync(dir);
    return dir;
  }

  /**
   * Moves the staged files into the target. Synchronous from start to end, so a signal
   * handler (which runs between event-loop turns) sees either nothing committed or all of it.
   * Throws a {@link CliError} when the target changed in a way that forbids the write; the
   * target is then as it was.
   */
  commit(): CommitResult {
    if (this.#done) throw new Error('StagedProject: already committed or discarded');
    const files = listFiles(this.dir);
    try {
      if (!this.#targetExisted && this.#renameWhole()) {
        return { written: files, replaced: [] };
      }
      return this.#placeEach(files);
    } finally {
      this.#done = true;
      rmSync(this.#holder, { recursive: true, force: true });
    }
  }

  /** Removes the staging directory (idempotent, synchronous: safe in a signal handler). */
  discard(): void {
    if (this.#done) return;
    this.#done = true;
    rmSync(this.#holder, { recursive: true, force: true });
    this.#removeCreatedParents();
  }

  /**
   * A missing target: one rename of the staged directory. False when the target appeared
   * meanwhile as a non-empty directory and `--overwrite` allows writing into it.
   */
  #renameWhole(): boolean {
    try {
      // rename(2) replaces an empty directory, and fails on a non-empty one or a file.
      renameSync(this.dir, this.#target);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === 'ENOTEMPTY' || code === 'EEXIST') && this.#overwrite === true) return false;
      this.#removeCreatedParents();
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') {
        throw new CliError(
          `${this.#shown} appeared while the project was being prepared. Nothing was written; run again to write into it (with --overwrite if it is not empty), or choose another directory.`,
          undefined,
          { cause: error },
        );
      }
      throw new CliError(
        `Cannot create ${this.#shown}: ${reason(error)}. Nothing was written.`,
        undefined,
        {
          cause: error,
        },
      );
    }
  }

  /** An existing target: check it again, then place file by file, undoing all on a failure. */
  #placeEach(files: readonly string[]): CommitResult {
    // The target must still be the directory the staging area was made in: one moved away and
    // replaced (by a link to somewhere else, say) does not hold it any more.
    const before = this.#holderStats;
    const holder = before && lstatOrUndefined(this.#holder);
    if (before && (!holder || holder.ino !== before.ino || holder.dev !== before.dev)) {
      throw new CliError(
        `${this.#shown} was moved or replaced while the project was being prepared. Nothing was written; check what changed it, then run again.`,
      );
    }
    const present = readdirSync(this.#target).filter((e) => e !== '.git' && e !== this.holderName);
    if (this.#overwrite === false && present.length > 0) {
      throw new CliError(
        `${this.#shown} is no longer empty: ${present.join(', ')} appeared while the project was being prepared. Nothing was written; pass --overwrite to write into it anyway, or choose another directory.`,
      );
    }
    const undo: Undo[] = [];
    const replaced: string[] = [];
    let current = '';
    try {
      for (const rel of files) {
        current = rel;
        if (this.#place(rel, undo)) replaced.push(rel);
      }
    } catch (error) {
      const failures = rollBack(undo);
      const message =
        error instanceof CliError
          ? error.message
          : `Could not write ${current} in ${this.#shown}: ${reason(error)}.`;
      throw new CliError(
        failures.length === 0
          ? `${message} Nothing was changed: the files this run had written are removed and the ones it replaced are back.`
          : `${message} Undoing the files already written failed for: ${failures.join('; ')}`,
        undefined,
        { cause: error },
      );
    }
    return { written: files, replaced };
  }

  /** Places one staged file; true when it replaced an existing one. */
  #place(rel: string, undo: Undo[]): boolean {
    const source = join(this.dir, rel);
    const dest = join(this.#target, rel);
    this.#makeParents(rel, undo);
    const existing = lstatOrUndefined(dest);
    if (!existing) {
      createExclusive(source, dest, rel, this.#shown);
      undo.push({ kind: 'created-file', path: dest, stats: lstatSync(dest) });
      return false;
    }
    if (!this.#mayReplace(rel)) {
      throw new CliError(
        this.#overwrite === false
          ? `${rel} appeared in ${this.#shown} while the project was being prepared.`
          : `${rel} exists in ${this.#shown}; pass --overwrite=${rel} to replace it.`,
      );
    }
    if (existing.isDirectory()) {
      throw new CliError(`Cannot write ${rel}: it is a directory in ${this.#shown}.`);
    }
    // Keep the old file (a hard link, or a copy across file systems) until the commit is done,
    // then move the new one over it: the name never disappears, and a rollback renames it back.
    const backup = join(this.#holder, 'replaced', rel);
    mkdirSync(dirname(backup), { recursive: true });
    preserve(dest, backup, existing);
    try {
      renameSync(source, dest);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') {
        // Nothing was replaced (rename is all or nothing): no undo for this file.
        rmSync(backup, { force: true });
        throw error;
      }
      // Another file system below the target: replace by copy; from here on, undo puts the
      // old file back.
      undo.push({ kind: 'replaced', path: dest, backup });
      unlinkSync(dest);
      copyFileSync(source, dest, constants.COPYFILE_EXCL);
      return true;
    }
    undo.push({ kind: 'replaced', path: dest, backup });
    return true;
  }

  #mayReplace(rel: string): boolean {
    if (this.#overwrite === true) return true;
    if (this.#overwrite === false) return false;
    return this.#overwrite.has(rel);
  }

  /** Creates the directories above `rel` that are missing; never writes through a link. */
  #makeParents(rel: string, undo: Undo[]): void {
    const parts = rel.split('/').slice(0, -1);
    let dir = this.#target;
    for (const part of parts) {
      dir = join(dir, part);
      const stats = lstatOrUndefined(dir);
      if (!stats) {
        mkdirSync(dir);
        undo.push({ kind: 'created-dir', path: dir });
      } else if (stats.isSymbolicLink()) {
        throw new CliError(
          `Cannot write ${rel}: ${dir} is a symbolic link, and files are never written through one.`,
        );
      } else if (!stats.isDirectory()) {
        throw new CliError(`Cannot write ${rel}: ${dir} is not a directory.`);
      }
    }
  }

  #removeCreatedParents(): void {
    if (!this.#createdParent) return;
    // The parents mkdir created, innermost first, while they are empty.
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

/** Creates `dest` from `source` without ever replacing a file that appeared meanwhile. */
function createExclusive(source: string, dest: string, rel: string, shown: string): void {
  try {
    linkSync(source, dest);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw appeared(rel, shown, error);
    if (!NO_LINK.has(code)) throw error;
  }
  try {
    copyFileSync(source, dest, constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw appeared(rel, shown, error);
    // A copy that failed part-way (a full disk) leaves the file it created: remove it.
    rmSync(dest, { force: true });
    throw error;
  }
}

function appeared(rel: string, shown: string, cause: unknown): CliError {
  return new CliError(
    `${rel} appeared in ${shown} while the project was being written.`,
    undefined,
    { cause },
  );
}

/** Keeps the file at `path` (not what a link points to) at `backup`. */
function preserve(path: string, backup: string, stats: Stats): void {
  try {
    linkSync(path, backup);
    return;
  } catch (error) {
    if (!NO_LINK.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
  if (stats.isSymbolicLink()) symlinkSync(readlinkSync(path), backup);
  else copyFileSync(path, backup, constants.COPYFILE_EXCL);
}

/** Undoes a partial commit, newest first; returns what could not be undone. */
function rollBack(undo: readonly Undo[]): string[] {
  const failures: string[] = [];
  for (const step of [...undo].reverse()) {
    try {
      if (step.kind === 'created-file') {
        // Only the file this run created: if someone replaced it since, theirs stays.
        const now = lstatOrUndefined(step.path);
        if (now && now.ino === step.stats.ino && now.dev === step.stats.dev) unlinkSync(step.path);
      } else if (step.kind === 'created-dir') {
        rmdirSync(step.path);
      } else {
        try {
          renameSync(step.backup, step.path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
          rmSync(step.path, { force: true });
          copyFileSync(step.backup, step.path, constants.COPYFILE_EXCL);
        }
      }
    } catch (error) {
      failures.push(`${step.path} (${reason(error)})`);
    }
  }
  return failures;
}

/** Every file under `root`, as sorted relative paths. */
export function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out.sort();
}
