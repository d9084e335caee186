import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './cli-error.js';
import { expandGlob, hasGlob } from './glob.js';

export interface Input {
  /** The path as shown in messages, or `-` for stdin. */
  readonly file: string;
  readonly text: string;
}

/** The files named on the command line: paths, globs, or `-` for stdin. */
export function resolveFiles(args: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') out.push('-');
    else if (hasGlob(arg) && !existsSync(join(cwd, arg))) {
      const matches = expandGlob(arg, cwd);
      if (matches.length === 0) throw new CliError(`${arg}: no files match`);
      out.push(...matches);
    } else out.push(arg);
  }
  return [...new Set(out)];
}

export function readInput(file: string, cwd: string): Input {
  try {
    const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(join(cwd, file), 'utf8');
    return { file, text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : (error as Error).message;
    throw new CliError(`${file}: cannot read: ${reason}`, 2, { cause: error });
  }
}

/** Writes through a temporary file in the same directory and a rename, so a reader never sees half a file. */
export function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
