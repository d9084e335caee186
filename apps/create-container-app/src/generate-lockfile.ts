import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageManagerName } from './choices.js';
import { LOCKFILES, lockfileCommand } from './package-manager.js';

export type LockfileResult =
  | { readonly ok: true; readonly lockfile: string; readonly command: string }
  | { readonly ok: false; readonly lockfile: string; readonly reason: string };

/** The running child, so a signal handler can stop it before removing the staging directory. */
let running: ChildProcess | undefined;

/** Kills the package manager if one is running (called from the SIGINT handler). */
export function killRunningPackageManager(): void {
  running?.kill('SIGTERM');
}

/**
 * Runs the package manager in lockfile-only mode in `dir` and reports whether the lockfile
 * appeared. pnpm and yarn run through corepack (the version pinned in `packageManager`), or
 * through the binary on PATH when corepack is missing or fails. A failure (most often: the
 * registry cannot be reached) is returned, not thrown: the project is still usable once the
 * user runs the install command.
 *
 * @example
 * ```ts
 * await generateLockfile('/tmp/.app.create-container-app-1a2b', 'npm')
 * // { ok: true, lockfile: 'package-lock.json', command: 'npm install --package-lock-only …' }
 * ```
 */
export async function generateLockfile(
  dir: string,
  pm: PackageManagerName,
): Promise<LockfileResult> {
  const lockfile = LOCKFILES[pm];
  const { command, fallback } = lockfileCommand(pm);
  const attempts = fallback ? [command, fallback] : [command];
  const reasons: string[] = [];
  for (const argv of attempts) {
    const result = await run(argv, dir);
    if (result.ok && existsSync(join(dir, lockfile))) {
      return { ok: true, lockfile, command: argv.join(' ') };
    }
    reasons.push(
      `${argv.join(' ')}: ${result.ok ? `exited 0 but wrote no ${lockfile}` : result.reason}`,
    );
  }
  return { ok: false, lockfile, reason: reasons.join('\n') };
}

async function run(
  argv: readonly string[],
  cwd: string,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  // Loaded here: only a run that installs pays for node:child_process at start-up.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const [cmd = '', ...args] = argv;
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The user picked the package manager: corepack may fetch the pinned version without asking.
      env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' },
    });
    running = child;
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', (error) => {
      running = undefined;
      resolve({ ok: false, reason: error.message });
    });
    child.on('close', (code, signal) => {
      running = undefined;
      if (code === 0) return resolve({ ok: true });
      resolve({
        ok: false,
        reason: `${signal ? `killed by ${signal}` : `exit code ${code}`}${keyLines(output)}`,
      });
    });
  });
}

/** An error code (`ECONNREFUSED`, `ERR_PNPM_META_FETCH_FAIL`) or a fetch failure's reason. */
const ERROR_LINE = /\b(?:E[A-Z]{4,}|ERR_[A-Z0-9_]+)\b|reason:/;

/**
 * Up to three lines that say why the package manager failed: the ones naming an error code
 * (npm ends with a proxy hint and a log path, which say nothing about the cause), else the
 * last three.
 */
function keyLines(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim().length > 0);
  const errors = lines.filter((l) => ERROR_LINE.test(l));
  const tail = errors.length > 0 ? errors.slice(0, 3) : lines.slice(-3);
  return tail.length > 0 ? `\n    ${tail.join('\n    ')}` : '';
}
