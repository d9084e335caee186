import { randomBytes } from 'node:crypto';
import {
  accessSync,
  type BigIntStats,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from '@dockwright/cli-kit';
import type { ReadSource } from './read-input.js';
import { reason } from './read-input.js';

/** How a file was replaced. */
export type Replaced = 'renamed' | 'in place' | 'already so';

/**
 * Replaces the file `source` was read from with `bytes`, keeping everything about it but its
 * content: a symlink is written through (the link stays), and the file keeps its mode, owner,
 * group and hard links. Throws a {@link CliError} naming `shown` (exit 2) and leaves the file
 * as it was when it cannot.
 *
 * As vim's `backupcopy=auto`: the new text is first written to a temporary file beside the
 * target (so a full disk or a quota fails here, before the target is touched). When that file
 * can take the target's owner, group and mode and the target has one link, it is renamed over
 * the target: a reader sees the old or the new file, never half of one, whatever happens. Else
 * (hard links, or a file of another owner that this user may write but not chown to) the
 * target is rewritten in place from the checked bytes, with the temporary file as the copy to
 * recover from, removed once the write is done.
 *
 * A file that changed since it was read (another program wrote it) is not replaced, unless it
 * already holds `bytes` (another run did the same job).
 *
 * @example
 * ```ts
 * replaceFile(readInput('Dockerfile', cwd).source, encodeText(formatted), 'Dockerfile') // 'renamed'
 * ```
 */
export function replaceFile(source: ReadSource, bytes: Buffer, shown: string): Replaced {
  if (source.path === null) throw new Error('stdin cannot be replaced');
  let tmp: string | undefined;
  let fd: number | undefined;
  try {
    const target = realpathSync(source.path);
    const before = statSync(target, { bigint: true });
    if (!before.isFile()) throw new CliError(`${shown}: not written: not a regular file`);
    if (changed(source.stat, before)) return unlessSame(target, bytes, shown);
    // A read-only file stays read-only: a rename would replace it all the same.
    accessSync(target, constants.W_OK);

    tmp = join(
      dirname(target),
      `.${basename(target)}.dockwright-${randomBytes(6).toString('hex')}.tmp`,
    );
    fd = openSync(tmp, 'wx', 0o600);
    writeAll(fd, bytes);
    fsyncSync(fd);
    const keepsAll = before.nlink === 1n && takeOwner(fd, before);
    if (!keepsAll) {
      closeSync(fd);
      fd = undefined;
      if (!writeInPlace(target, bytes, source.bytes, before, shown)) {
        const copy = tmp;
        tmp = undefined;
        throw new CliError(
          `${shown}: not written, and the file may be damaged: its new text is in ${copy}`,
        );
      }
      return 'in place';
    }
    // After chown, which clears set-user-ID and set-group-ID bits.
    fchmodSync(fd, Number(before.mode & 0o7777n));
    closeSync(fd);
    fd = undefined;
    const now = statSync(target, { bigint: true });
    if (changed(before, now)) return unlessSame(target, bytes, shown);
    renameSync(tmp, target);
    tmp = undefined;
    return 'renamed';
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${shown}: not written: ${reason(error)}`, 2, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
    if (tmp !== undefined) {
      try {
        unlinkSync(tmp);
      } catch {
        // Already gone: nothing left behind.
      }
    }
  }
}

/** Whether the file is not the one that was read: another inode, size or modification time. */
function changed(read: BigIntStats, now: BigIntStats): boolean {
  return (
    read.dev !== now.dev ||
    read.ino !== now.ino ||
    read.size !== now.size ||
    read.mtimeNs !== now.mtimeNs
  );
}

function unlessSame(target: string, bytes: Buffer, shown: string): 'already so' {
  let now: Buffer | undefined;
  try {
    now = readFileSync(target);
  } catch {
    // Gone or unreadable: it changed.
  }
  if (now?.equals(bytes)) return 'already so';
  throw new CliError(
    `${shown}: not written: it changed since it was read (another program wrote it); run again`,
  );
}

/** Gives the temporary file the target's owner and group; false when this user cannot. */
function takeOwner(fd: number, target: BigIntStats): boolean {
  const mine = fstatSync(fd, { bigint: true });
  if (mine.uid === target.uid && mine.gid === target.gid) return true;
  try {
    fchownSync(fd, Number(target.uid), Number(target.gid));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'EINVAL') return false;
    throw error;
  }
}

/**
 * Rewrites `target` in place: the new bytes from the start, then the length cut. If that
 * fails half-way the old bytes go back (they fit: the file held them a moment ago) and the
 * error is thrown; false when even that failed.
 */
function writeInPlace(
  target: string,
  bytes: Buffer,
  old: Buffer,
  before: BigIntStats,
  shown: string,
): boolean {
  // The path is the real one: a symlink there now was put there since, so is not followed;
  // and the file opened must be the very one that was read (a swap is refused).
  const fd = openSync(target, constants.O_WRONLY | constants.O_NOFOLLOW);
  try {
    if (changed(before, fstatSync(fd, { bigint: true }))) {
      throw new CliError(
        `${shown}: not written: it changed since it was read (another program wrote it); run again`,
      );
    }
    try {
      writeAll(fd, bytes);
      ftruncateSync(fd, bytes.length);
      fsyncSync(fd);
      return true;
    } catch (error) {
      try {
        writeAll(fd, old);
        ftruncateSync(fd, old.length);
      } catch {
        return false;
      }
      throw error;
    }
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, done);
}
