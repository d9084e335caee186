import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type DockerfileNode, parse } from '@dockwright/ast';
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

/**
 * The files a command works on: `args` resolved (paths, globs, `-`), less those the config's
 * `ignore.files` globs match (stdin is never ignored).
 */
export function selectFiles(
  args: readonly string[],
  cwd: string,
  ignore: readonly RegExp[],
): string[] {
  return resolveFiles(args, cwd).filter(
    (f) => f === '-' || !ignore.some((r) => r.test(f.replace(/^\.\//, ''))),
  );
}

/**
 * Reads every file. One that cannot be read is reported on stderr and skipped, so the others
 * are still processed; `failed` tells the command to exit 2.
 */
export function readInputs(
  files: readonly string[],
  cwd: string,
  err: (s: string) => void,
): { inputs: Input[]; failed: boolean } {
  const inputs: Input[] = [];
  let failed = false;
  for (const file of files) {
    try {
      inputs.push(readInput(file, cwd));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      err(`${error.message}\n`);
      failed = true;
    }
  }
  return { inputs, failed };
}

/** Parses an input; the first syntax error as `file:line:column: reason`, or the tree. */
export function parseInput(input: Input): { tree: DockerfileNode } | { error: string } {
  const tree = parse(input.text, { file: input.file });
  const error = tree.diagnostics.find((d) => d.severity === 'error');
  if (!error) return { tree };
  const { line, column } = error.position.start;
  return { error: `${input.file}:${line}:${column}: ${error.message}` };
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
