import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built binary: tests exercise exactly what is published. */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.cjs');

export function assertBuilt(): void {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: run \`pnpm --filter create-container-app build\` first.`);
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for the CLI: no user agent from the test runner's own package manager. */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  if (!('npm_config_user_agent' in extra)) delete env.npm_config_user_agent;
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env;
}

/** Runs the built CLI to completion without a TTY (stdin is /dev/null). */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): CliResult {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? tmpdir(),
    env: cliEnv(options.env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 120_000,
  });
  return { code: res.status, signal: res.signal, stdout: res.stdout, stderr: res.stderr };
}

/**
 * {@link runCli} without blocking: the engine tests scaffold while other projects build, and a
 * blocked event loop would stall their output and skew their timings.
 */
export function runCliAsync(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? tmpdir(),
        env: cliEnv(options.env),
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: unknown; signal?: NodeJS.Signals }) | null;
        resolve({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout,
          stderr,
        });
      },
    ).stdin?.end();
  });
}

export interface TimedCliResult extends CliResult {
  /** Each line the CLI printed on stdout, with when it arrived (ms after the start). */
  readonly lines: readonly { readonly ms: number; readonly text: string }[];
  readonly durationMs: number;
  /** Set when the run outlived `boundMs` and was stopped (SIGTERM, SIGKILL 10 s later). */
  readonly overran?: number;
}

/**
 * {@link runCliAsync} that timestamps each stdout line as it arrives (the engine tests time the
 * lockfile step by its "Creating …" and "Created …" lines) and stops a run that outlives
 * `boundMs` the way a user's Ctrl-C would (SIGTERM: the CLI stops its package manager and
 * removes what it staged), then SIGKILL if it is still there 10 s later.
 */
export function runCliTimed(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; boundMs: number },
): Promise<TimedCliResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? tmpdir(),
      env: cliEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: { ms: number; text: string }[] = [];
    let stdout = '';
    let partial = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      const ms = Math.round(performance.now() - start);
      for (const text of parts) lines.push({ ms, text });
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    let overran: number | undefined;
    let kill: NodeJS.Timeout | undefined;
    const bound = setTimeout(() => {
      overran = options.boundMs;
      child.kill('SIGTERM');
      kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    }, options.boundMs);
    child.on('error', (error) => {
      clearTimeout(bound);
      clearTimeout(kill);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(bound);
      clearTimeout(kill);
      if (partial) lines.push({ ms: Math.round(performance.now() - start), text: partial });
      resolve({
        code,
        signal,
        stdout,
        stderr,
        lines,
        durationMs: Math.round(performance.now() - start),
        ...(overran === undefined ? {} : { overran }),
      });
    });
  });
}

/** Starts the built CLI and returns the child (for signal tests). */
export function startCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
) {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: cliEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const created: string[] = [];

/** A new temporary directory, removed by {@link removeTempDirs}. */
export function tempDir(prefix = 'cca-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every directory {@link tempDir} made (call it in afterAll). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
