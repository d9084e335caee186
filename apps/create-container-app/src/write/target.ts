import { lstatSync, readdirSync, readlinkSync, type Stats, statSync } from 'node:fs';
import { CliError } from '@dockwright/cli-kit';

/** What the target directory holds before anything is written. */
export type TargetState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      /** Entries other than `.git` (a fresh `git init` counts as empty, as in create-vite). */
      readonly entries: readonly string[];
    };

/**
 * Looks at the target: missing, or a directory (itself or through a symbolic link, the
 * devcontainer and `docker run -v "$PWD":/app` case). Anything else is a {@link CliError} that
 * says what is there: a file, a dangling link, a directory that cannot be read.
 *
 * @example
 * ```ts
 * inspectTarget('/tmp/new-app') // { exists: false }
 * inspectTarget('.')            // { exists: true, entries: ['notes.txt'] }
 * ```
 */
export function inspectTarget(target: string, shown: string): TargetState {
  const link = lstatOrUndefined(target);
  if (!link) return { exists: false };
  let stats: Stats = link;
  if (link.isSymbolicLink()) {
    const points = readlinkSync(target);
    const resolved = statOrUndefined(target);
    if (!resolved) {
      throw new CliError(
        `${shown} is a symbolic link to ${points}, which does not exist. Create that directory first, or choose another directory.`,
      );
    }
    stats = resolved;
  }
  if (!stats.isDirectory()) {
    throw new CliError(`${shown} exists and is not a directory. Choose another directory.`);
  }
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch (error) {
    throw new CliError(`Cannot read ${shown}: ${reason(error)}`, undefined, { cause: error });
  }
  return { exists: true, entries: entries.filter((e) => e !== '.git').sort() };
}

/** The error's message without Node's `EACCES: permission denied, open '…'` path repetition. */
export function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && typeof e.syscall === 'string') {
    const text = e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
    return `${text} (${e.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

export function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return undefined;
    throw error;
  }
}
