import { type BigIntStats, closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from '@dockwright/cli-kit';
import { escapeTerminal, STDIN_NAME } from '@dockwright/lint';
import { decodeText } from './text-bytes.js';

/**
 * The largest file read: 4 MiB. Real Dockerfiles are kilobytes; one of 4 MiB already takes
 * seconds to lint and hundreds of megabytes of memory, and without a bound `lint /dev/zero`
 * (or a `.dockerignore` linked to it) grows until the machine runs out.
 */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

export interface Input {
  /** The path as given on the command line (relative to the working directory), or `-`. */
  readonly file: string;
  /** The name shown in messages and reports: the path, or `<stdin>`. */
  readonly name: string;
  readonly text: string;
  /** What was read, and for a file the state it was read in, so a write can tell a change. */
  readonly source: ReadSource;
}

export interface ReadSource {
  /** The absolute path, or null for stdin. */
  readonly path: string | null;
  readonly bytes: Buffer;
  readonly stat: BigIntStats;
}

/** The name messages give a command-line file: `<stdin>` for `-`, escaped for a terminal. */
export function displayName(file: string): string {
  return file === '-' ? STDIN_NAME : escapeTerminal(file);
}

/**
 * Reads a command-line file (`-` for stdin) as text, byte for byte ({@link decodeText}), up
 * to {@link MAX_INPUT_BYTES}. Throws a {@link CliError} (exit 2) naming the file.
 *
 * @example
 * ```ts
 * readInput('web/Dockerfile', '/repo').text // 'FROM node:22\n…'
 * ```
 */
export function readInput(file: string, cwd: string): Input {
  const name = file === '-' ? STDIN_NAME : file;
  const path = file === '-' ? null : resolve(cwd, file);
  const { bytes, stat } = readBounded(path, displayName(file));
  return { file, name, text: decodeText(bytes), source: { path, bytes, stat } };
}

/**
 * The bytes of `path` (stdin for null), refused past {@link MAX_INPUT_BYTES} or when it is a
 * directory. Reads through one descriptor, so the stat describes the bytes read.
 */
export function readBounded(
  path: string | null,
  shown: string,
): { bytes: Buffer; stat: BigIntStats } {
  let fd: number | undefined;
  try {
    fd = path === null ? 0 : openSync(path, 'r');
    const stat = fstatSync(fd, { bigint: true });
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stat.isFile() && stat.size > BigInt(MAX_INPUT_BYTES)) throw tooLarge(shown);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readChunk(fd, chunk);
      if (n === 0) break;
      total += n;
      // A file that grew, a pipe or a device has no size to check up front.
      if (total > MAX_INPUT_BYTES) throw tooLarge(shown);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return { bytes: Buffer.concat(chunks, total), stat };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${shown}: cannot read: ${reason(error)}`, 2, { cause: error });
  } finally {
    if (fd !== undefined && fd !== 0) closeSync(fd);
  }
}

function tooLarge(shown: string): CliError {
  return new CliError(
    `${shown}: not read: larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the limit for a Dockerfile`,
  );
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** One read; a non-blocking stdin that has nothing yet (EAGAIN) is waited for. */
function readChunk(fd: number, chunk: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF') return 0;
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

/** The end of a message for a failed file-system call: what went wrong, in words. */
export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOTDIR') return 'a component of the path is not a directory';
  return escapeTerminal((error as Error).message ?? String(error));
}
