import { spawn } from 'node:child_process';
import type { EngineKind, EngineOptions } from './types.js';

export interface RunOptions {
  readonly cwd?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly input?: string;
  readonly signal?: AbortSignal;
  readonly onStdout?: (chunk: string) => void;
  readonly onStderr?: (chunk: string) => void;
}

export interface RunResult {
  readonly code: number | null;
  readonly aborted: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the docker client (no shell). An abort sends SIGINT, as Ctrl-C would: the client then
 * cancels the build session and the engine stops the running steps; the promise settles once
 * the client has exited. A client that has not exited 10 s later is killed.
 */
export function runClient(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ code: null, aborted: true, stdout: '', stderr: '' });
      return;
    }
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      aborted = true;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      killTimer.unref();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(chunk);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      const why =
        error.code === 'ENOENT' ? `${command}: not found (is Docker installed?)` : error.message;
      reject(new Error(`cannot run ${command}: ${why}`, { cause: error }));
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      resolve({ code, aborted, stdout, stderr });
    });
    if (child.stdin) {
      // The client may exit before reading all of stdin (a usage error): not our error.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
  });
}

/** The client, its global flags and its environment for an engine. */
export interface Client {
  readonly command: string;
  /** Flags before the subcommand: `--context NAME`. */
  readonly globalArgs: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

export function clientFor(engine: EngineOptions = {}): Client {
  const env: NodeJS.ProcessEnv = { ...process.env, ...engine.env };
  if (engine.host !== undefined) env.DOCKER_HOST = engine.host;
  if (engine.config !== undefined) env.DOCKER_CONFIG = engine.config;
  return {
    command: engine.command ?? 'docker',
    globalArgs: engine.context === undefined ? [] : ['--context', engine.context],
    env,
  };
}

/**
 * Which client builds: buildx when `docker buildx version` answers, else the engine's
 * built-in BuildKit through `DOCKER_BUILDKIT=1 docker build`.
 */
export async function detectEngineKind(
  client: Client,
  forced?: EngineKind,
  signal?: AbortSignal,
): Promise<EngineKind> {
  if (forced) return forced;
  const probe = await runClient(client.command, [...client.globalArgs, 'buildx', 'version'], {
    env: client.env,
    ...(signal ? { signal } : {}),
  });
  return probe.code === 0 ? 'buildx' : 'docker';
}
