import {
  chmodSync,
  existsSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type DockerfileNode, parse } from '@dockwright/ast';
import { CliError } from '@dockwright/cli-kit';
import { STDIN_NAME } from '@dockwright/lint';
import { expandGlob, hasGlob } from './glob.js';

export interface Input {
  /** The path as given on the command line (relative to the working directory), or `-` for stdin. */
  readonly file: string;
  /** The name shown in messages and reports: the path, or `<stdin>`. */
  readonly name: string;
  readonly text: string;
}

/** The name messages give a command-line file: `<stdin>` for `-`. */
function displayName(file: string): string {
  return file === '-' ? STDIN_NAME : file;
}

/** The files named on the command line: paths, globs, or `-` for stdin. */
function resolveFiles(args: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') out.push('-');
    else if (hasGlob(arg) && !existsSync(resolve(cwd, arg))) {
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

/** Parses an input: the tree, and each error diagnostic as `name:line:column: reason`. */
export function parseInput(input: Input): { tree: DockerfileNode; errors: string[] } {
  const tree = parse(input.text, { file: input.name });
  const errors = tree.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${input.name}:${d.position.start.line}:${d.position.start.column}: ${d.message}`);
  return { tree, errors };
}

export function readInput(file: string, cwd: string): Input {
  const name = displayName(file);
  try {
    const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(resolve(cwd, file), 'utf8');
    return { file, name, text };
  } catch (error) {
    throw new CliError(`${name}: cannot read: ${reason(error)}`, 2, { cause: error });
  }
}

/**
 * Writes `text` to `path` through a temporary file in the target's directory and a rename, so a
 * reader never sees half a file. A symbolic link is written through (its target is replaced,
 * the link stays), the file keeps its permission bits, and the temporary file is removed if
 * anything fails. Throws a {@link CliError} naming `shown` (exit 2).
 *
 * @example
 * ```ts
 * writeAtomic('/repo/Dockerfile', 'FROM alpine\n', 'Dockerfile')
 * ```
 */
export function writeAtomic(path: string, text: string, shown = path): void {
  let tmp: string | undefined;
  try {
    const target = realpathSync(path);
    const { mode } = statSync(target);
    tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
    writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
    chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, target);
    tmp = undefined;
  } catch (error) {
    throw new CliError(`${shown}: cannot write: ${reason(error)}`, 2, { cause: error });
  } finally {
    if (tmp !== undefined) rmSync(tmp, { force: true });
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}
