import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ShellcheckComment, ShellcheckJob, ShellcheckResult } from './shellcheck-job.js';

export interface RunShellcheckOptions {
  /** The `shellcheck` binary; default: `$DOCKWRIGHT_SHELLCHECK`, else the first one on PATH. */
  readonly binary?: string | null;
  /** Time limit for one ShellCheck process, in milliseconds (default 60 000). */
  readonly timeoutMs?: number;
  /** ShellCheck processes at a time (default: the number of CPUs, at most 8). */
  readonly concurrency?: number;
  /** Where to look for the binary (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface ShellcheckRun {
  /** ShellCheck's comments, per job it checked. */
  readonly results: readonly ShellcheckResult[];
  /** One sentence for the user when ShellCheck did not check every job (not found, timed out). */
  readonly note: string | null;
}

/** Scripts per ShellCheck process: one process start (~60 ms) serves many scripts (~5 ms each). */
const BATCH = 64;

/**
 * hadolint's exclusions: SC2187 (ash is checked as dash), SC1090 and SC1091 (sourced files need
 * a directive a Dockerfile cannot carry).
 */
const EXCLUDE = 'SC2187,SC1090,SC1091';

/**
 * The `shellcheck` to run: `$DOCKWRIGHT_SHELLCHECK` when set, else the first executable
 * `shellcheck` in an absolute PATH directory (relative entries such as `.` are skipped, so a
 * file planted in the working directory is never run). Null when there is none.
 */
export function findShellcheck(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.DOCKWRIGHT_SHELLCHECK;
  if (explicit !== undefined && explicit !== '') return isExecutable(explicit) ? explicit : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'shellcheck.exe' : 'shellcheck');
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs ShellCheck over RUN scripts (from `shellcheckJobs`), many scripts per process and
 * several processes at a time. The binary is spawned directly (no shell), without reading any
 * `.shellcheckrc` (`--norc`) or `SHELLCHECK_OPTS`, each process with a time limit. The scripts
 * go to a private temporary directory (mode 0700) that is removed afterwards. When no binary
 * is found or a process fails, the jobs it had are left out and `note` says why: ShellCheck is
 * an optional extra, never an error of the lint.
 *
 * @example
 * ```ts
 * const jobs = shellcheckJobs(text);
 * const { results, note } = await runShellcheck(jobs);
 * lint(text, { shellcheck: results });
 * ```
 */
export async function runShellcheck(
  jobs: readonly ShellcheckJob[],
  options: RunShellcheckOptions = {},
): Promise<ShellcheckRun> {
  if (jobs.length === 0) return { results: [], note: null };
  const binary =
    options.binary === undefined ? findShellcheck(options.env ?? process.env) : options.binary;
  if (binary === null) {
    return {
      results: [],
      note: 'shellcheck was not found on PATH: RUN scripts were not checked by ShellCheck (install it, e.g. apt-get install shellcheck, or set DOCKWRIGHT_SHELLCHECK)',
    };
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  const concurrency = Math.max(1, options.concurrency ?? Math.min(8, availableParallelism()));
  const dir = mkdtempSync(join(tmpdir(), 'dockwright-shellcheck-'));
  try {
    const files = jobs.map((job, i) => {
      const file = join(dir, `${i}.sh`);
      writeFileSync(file, job.script, { mode: 0o600, flag: 'wx' });
      return file;
    });
    const batches: number[][] = [];
    for (let i = 0; i < jobs.length; i += BATCH) {
      batches.push(jobs.map((_, k) => k).slice(i, i + BATCH));
    }
    const results: { index: number; result: ShellcheckResult }[] = [];
    const problems: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const outcome = await check(
          binary,
          batch.map((k) => files[k]!),
          timeoutMs,
        );
        if (typeof outcome === 'string') {
          problems.push(outcome);
          continue;
        }
        for (const k of batch) {
          results.push({
            index: k,
            result: { job: jobs[k]!, comments: outcome.get(files[k]!) ?? [] },
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
    results.sort((a, b) => a.index - b.index);
    const note =
      problems.length === 0
        ? null
        : `ShellCheck did not check ${jobs.length - results.length} of ${jobs.length} RUN scripts: ${problems[0]}`;
    return { results: results.map((r) => r.result), note };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One ShellCheck process over `files`: the comments per file, or what went wrong. */
function check(
  binary: string,
  files: readonly string[],
  timeoutMs: number,
): Promise<Map<string, ShellcheckComment[]> | string> {
  const env = { ...process.env };
  delete env.SHELLCHECK_OPTS;
  return new Promise((resolve) => {
    execFile(
      binary,
      ['--format=json1', '--norc', `--exclude=${EXCLUDE}`, '--', ...files],
      { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, shell: false, windowsHide: true },
      (error, stdout, stderr) => {
        // Exit 1 means comments were found; 0 none.
        const code = (error as { code?: unknown } | null)?.code;
        if (error && (error as { killed?: boolean }).killed) {
          resolve(`${binary} did not finish within ${Math.round(timeoutMs / 1000)} s`);
          return;
        }
        if (error && code !== 1) {
          const why = String(stderr).trim().split('\n')[0] || error.message;
          resolve(`${binary} failed: ${why}`);
          return;
        }
        try {
          const parsed = JSON.parse(String(stdout)) as {
            comments: (ShellcheckComment & { file: string })[];
          };
          const byFile = new Map<string, ShellcheckComment[]>();
          for (const c of parsed.comments) {
            const list = byFile.get(c.file) ?? [];
            list.push({
              line: c.line,
              column: c.column,
              endLine: c.endLine,
              endColumn: c.endColumn,
              level: c.level,
              code: c.code,
              message: c.message,
            });
            byFile.set(c.file, list);
          }
          resolve(byFile);
        } catch {
          resolve(`${binary} wrote output that is not ShellCheck's json1`);
        }
      },
    );
  });
}
