import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
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
  /** The end of the client's output (its last {@link KEPT_OUTPUT} characters at least). */
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * How much of each output stream a run keeps: enough for the client's closing error and a
 * push's digest line. A build prints its whole log here; the log goes to `onStderr` as it comes.
 */
export const KEPT_OUTPUT = 64 * 1024;

/** `kept` + `chunk`, cut back to its last {@link KEPT_OUTPUT} characters when twice over. */
function keepEnd(kept: string, chunk: string): string {
  const s = kept + chunk;
  return s.length > 2 * KEPT_OUTPUT ? s.slice(-KEPT_OUTPUT) : s;
}

/**
 * Runs the docker client (no shell). An abort sends SIGINT, as Ctrl-C would: the client then
 * cancels the build session and the engine stops the running steps; the promise settles once
 * the client has exited. A client that has not exited 10 s later is killed.
 *
 * The signal also goes to the client's children, as a terminal's Ctrl-C reaches its whole
 * process group: `docker buildx` is a plugin the client starts, and Docker 20.10's client does
 * not pass SIGINT on to it, so signalling the client alone would leave the build running.
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
    const signalClient = (signal: NodeJS.Signals) => {
      for (const pid of child.pid === undefined ? [] : childProcesses(child.pid)) {
        try {
          process.kill(pid, signal);
        } catch {
          // exited meanwhile
        }
      }
      child.kill(signal);
    };
    const onAbort = () => {
      aborted = true;
      signalClient('SIGINT');
      killTimer = setTimeout(() => signalClient('SIGKILL'), 10_000);
      killTimer.unref();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = keepEnd(stdout, chunk);
      options.onStdout?.(chunk);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = keepEnd(stderr, chunk);
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

/**
 * The processes whose parent is `pid`, read from /proc (Linux); none where there is no /proc.
 * Newer docker clients pass signals on to their plugins themselves.
 */
function childProcesses(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
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
 * Where the docker CLI looks for its plugins (cli/cli-plugins/manager): `cliPluginsExtraDirs`
 * of config.json, `$DOCKER_CONFIG/cli-plugins` (default ~/.docker), then the system folders.
 */
function pluginDirs(env: NodeJS.ProcessEnv): string[] {
  const config = env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  let extra: string[] = [];
  try {
    const parsed = JSON.parse(readFileSync(join(config, 'config.json'), 'utf8')) as {
      cliPluginsExtraDirs?: unknown;
    };
    if (Array.isArray(parsed.cliPluginsExtraDirs))
      extra = parsed.cliPluginsExtraDirs.filter((d) => typeof d === 'string');
  } catch {
    // no config, or not JSON: the CLI ignores it the same way
  }
  return [
    ...extra,
    join(config, 'cli-plugins'),
    '/usr/local/lib/docker/cli-plugins',
    '/usr/local/libexec/docker/cli-plugins',
    '/usr/lib/docker/cli-plugins',
    '/usr/libexec/docker/cli-plugins',
  ];
}

/**
 * Which client builds: buildx when the CLI has the buildx plugin and `docker buildx version`
 * answers, else the engine's built-in BuildKit through `DOCKER_BUILDKIT=1 docker build`.
 * Without a plugin file nothing is spawned (the probe costs a client start, ~0.3 s here).
 */
export async function detectEngineKind(
  client: Client,
  forced?: EngineKind,
  signal?: AbortSignal,
): Promise<EngineKind> {
  if (forced) return forced;
  if (!pluginDirs(client.env).some((d) => existsSync(join(d, 'docker-buildx')))) return 'docker';
  const probe = await runClient(client.command, [...client.globalArgs, 'buildx', 'version'], {
    env: client.env,
    ...(signal ? { signal } : {}),
  });
  return probe.code === 0 ? 'buildx' : 'docker';
}
