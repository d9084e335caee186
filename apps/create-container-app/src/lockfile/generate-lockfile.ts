import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkLockfile } from './check-lockfile.js';
import type { LockCommand } from './lock-command.js';

export type LockfileResult =
  | { readonly ok: true; readonly lockfile: string; readonly command: string }
  | {
      readonly ok: false;
      readonly lockfile: string;
      readonly reason: string;
      /** True when no attempt could start (the tool is not installed). */
      readonly notInstalled: boolean;
    };

/** The running package manager, so an interrupted run can stop it before cleaning up. */
let running: ChildProcess | undefined;

/**
 * Stops the package manager if one is running, with its whole process group (corepack starts
 * the real package manager as a child), and resolves once it has exited: only then is it safe
 * to remove the directory it writes in. Resolves at once when nothing runs.
 */
export function stopRunningPackageManager(): Promise<void> {
  const child = running;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 3000);
    child.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  });
}

/**
 * Runs the package manager in `dir` to write `lockfile` (see {@link LockCommand}), then keeps
 * the lockfile only if it is complete: a run that fails, is killed, or leaves a cut-off file
 * (a full disk) has its lockfile removed, so a half-written one is never shipped. A failure is
 * returned, not thrown: the caller decides what the project is without it.
 *
 * @example
 * ```ts
 * await generateLockfile('/tmp/.app.create-container-app-1a2b/app', 'package-lock.json',
 *   nodeLockCommand('npm', dir), ['express'])
 * // { ok: true, lockfile: 'package-lock.json', command: 'npm install --package-lock-only …' }
 * ```
 */
export async function generateLockfile(
  dir: string,
  lockfile: string,
  lock: LockCommand,
  dependencies: readonly string[],
): Promise<LockfileResult> {
  const path = join(dir, lockfile);
  const attempts = lock.fallback ? [lock.command, lock.fallback] : [lock.command];
  const reasons: string[] = [];
  let started = false;
  try {
    for (const argv of attempts) {
      lock.prepare?.(dir);
      const result = await run(argv, dir, lock.env);
      started ||= result.started;
      const shown = argv.join(' ');
      if (!result.ok) {
        rmSync(path, { force: true });
        reasons.push(`${shown}: ${result.reason}`);
        continue;
      }
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        reasons.push(`${shown}: exited 0 but wrote no ${lockfile}`);
        continue;
      }
      const problem = checkLockfile(lockfile, text, dependencies);
      if (problem) {
        rmSync(path, { force: true });
        reasons.push(
          `${shown}: exited 0 but ${lockfile} is incomplete: ${problem}; it was removed`,
        );
        continue;
      }
      return { ok: true, lockfile, command: shown };
    }
    return { ok: false, lockfile, reason: reasons.join('\n'), notInstalled: !started };
  } finally {
    for (const leftover of lock.leftovers)
      rmSync(join(dir, leftover), { recursive: true, force: true });
  }
}

async function run(
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>>,
): Promise<{ ok: true; started: true } | { ok: false; started: boolean; reason: string }> {
  // Loaded here: only a run that installs pays for node:child_process at start-up.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const [cmd = '', ...args] = argv;
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so stopRunningPackageManager reaches corepack's child too.
      detached: true,
      // The user picked the package manager: corepack may fetch the pinned version without asking.
      env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0', ...env },
    });
    running = child;
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', (error: NodeJS.ErrnoException) => {
      running = undefined;
      const missing = error.code === 'ENOENT';
      resolve({
        ok: false,
        started: !missing,
        reason: missing ? `${cmd} is not installed (not found on PATH)` : error.message,
      });
    });
    child.on('close', (code, signal) => {
      running = undefined;
      if (code === 0) return resolve({ ok: true, started: true });
      resolve({
        ok: false,
        started: true,
        reason: `${signal ? `killed by ${signal}` : `exit code ${code}`}${keyLines(output)}`,
      });
    });
  });
}

/** An error code (`ECONNREFUSED`, `ENOSPC`, `ERR_PNPM_META_FETCH_FAIL`) or a fetch failure's reason. */
const ERROR_LINE = /\b(?:E[A-Z]{4,}|ERR_[A-Z0-9_]+|YN\d{4})\b|reason:/;

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
  const errors = lines.filter((l) => ERROR_LINE.test(l) && !/YN0000/.test(l));
  const tail = errors.length > 0 ? errors.slice(0, 3) : lines.slice(-3);
  return tail.length > 0 ? `\n    ${tail.join('\n    ')}` : '';
}
