import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BuildError,
  type BuildEvent,
  BuildOptionsError,
  type BuildStep,
  type EngineOptions,
} from '@dockwright/build';
import { CliError } from '@dockwright/cli-kit';
import { escapeTerminal } from '@dockwright/lint';
import type { Io } from '../io.js';

/** Files `dockwright build` and `bake` run as build scripts rather than read as Dockerfiles. */
export const SCRIPT = /\.(?:[cm]?js|[cm]?ts)$/;

/**
 * A build script's default export: the value, or what the function it exports returns
 * (awaited). TypeScript scripts need a Node.js that strips types (22.6+ with the flag, 23.6+).
 */
export async function loadScript(file: string, cwd: string): Promise<unknown> {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new CliError(`${file}: cannot read: no such file`);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION') {
      throw new CliError(
        `${file}: this Node.js (${process.version}) cannot run TypeScript; use Node.js 23.6+ (or 22.6+ with --experimental-strip-types), or write the script as .mjs`,
        2,
        { cause: error },
      );
    }
    throw new CliError(`${file}: the build script failed to load: ${(error as Error).message}`, 2, {
      cause: error,
    });
  }
  if (!('default' in mod) || mod.default === undefined) {
    throw new CliError(`${file}: the build script has no default export`);
  }
  const value = mod.default;
  try {
    return typeof value === 'function' ? await (value as () => unknown)() : value;
  } catch (error) {
    throw new CliError(
      `${file}: the build script's default export threw: ${(error as Error).message}`,
      2,
      {
        cause: error,
      },
    );
  }
}

/** The engine the `--docker`, `--host`, `--docker-context` and `--engine` flags name. */
export function engineOptions(
  values: { docker?: string; host?: string; 'docker-context'?: string; engine?: string },
  env: NodeJS.ProcessEnv,
): EngineOptions {
  const kind = values.engine;
  if (kind !== undefined && kind !== 'buildx' && kind !== 'docker') {
    throw new CliError(`--engine must be buildx or docker, not ${JSON.stringify(kind)}`);
  }
  const command = values.docker ?? env.DOCKWRIGHT_DOCKER;
  return {
    ...(command ? { command } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values['docker-context'] !== undefined ? { context: values['docker-context'] } : {}),
    ...(kind !== undefined ? { kind } : {}),
  };
}

export const ENGINE_HELP = `Engine:
  --docker <path>          the docker client (default: $DOCKWRIGHT_DOCKER, else docker on PATH)
  -H, --host <url>         the engine: unix:///…, tcp://host:2375, ssh://… (default: $DOCKER_HOST)
  --docker-context <name>  a Docker context (docker --context)
  --engine <buildx|docker> skip detection: docker buildx, or the engine's built-in BuildKit`;

export type ProgressMode = 'tty' | 'plain' | 'quiet';

/** `--progress`: auto is tty on a terminal outside CI, plain otherwise. */
export function progressMode(value: string | undefined, env: NodeJS.ProcessEnv): ProgressMode {
  const v = value ?? 'auto';
  if (v === 'auto') return process.stderr.isTTY && env.CI !== 'true' && !env.CI ? 'tty' : 'plain';
  if (v === 'tty' || v === 'plain' || v === 'quiet') return v;
  throw new CliError(`--progress must be auto, tty, plain or quiet, not ${JSON.stringify(v)}`);
}

function stepLabel(step: BuildStep): string {
  return step.source ? `${step.name} (line ${step.source.line})` : step.name;
}

function seconds(ms: number | null): string {
  return ms === null ? '' : ` ${(ms / 1000).toFixed(1)}s`;
}

/**
 * Renders build progress on stderr. plain: one line per step event and each line of output,
 * for logs. tty: finished steps scroll by, and one status line shows the running step, its
 * elapsed time and its last output line.
 */
export function progressPrinter(
  mode: ProgressMode,
  io: Io,
  prefix = '',
): {
  onProgress: (event: BuildEvent) => void;
  done: () => void;
} {
  const c = io.colors;
  if (mode === 'quiet') return { onProgress: () => {}, done: () => {} };
  if (mode === 'plain') {
    const say = (line: string) => io.err(`${escapeTerminal(line)}\n`);
    return {
      onProgress: (e) => {
        if (e.type === 'pushed') say(`${prefix}pushed ${e.tag}@${e.digest}`);
        else if (e.type === 'step-started') say(`${prefix}#${e.step.id} ${stepLabel(e.step)}`);
        else if (e.type === 'step-log') say(`${prefix}#${e.step.id} | ${e.text}`);
        else if (e.type === 'step-finished') {
          const s = e.step;
          const what = s.status === 'done' ? `done${seconds(s.durationMs)}` : s.status;
          say(`${prefix}#${s.id} ${what}${s.error ? `: ${s.error}` : ''}`);
        }
      },
      done: () => {},
    };
  }
  const running = new Map<number, { step: BuildStep; since: number; last: string }>();
  let drawn = false;
  const clear = () => {
    if (drawn) io.err('\r\x1b[2K');
    drawn = false;
  };
  const draw = () => {
    clear();
    const current = [...running.values()].pop();
    if (!current) return;
    const width = Math.max(20, (process.stderr.columns || 80) - 1);
    const elapsed = ((Date.now() - current.since) / 1000).toFixed(1);
    const line = escapeTerminal(
      `${prefix}${current.step.name} ${elapsed}s${current.last ? `  ${current.last}` : ''}`,
    );
    io.err(c.dim(line.length > width ? `${line.slice(0, width - 1)}…` : line));
    drawn = true;
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    onProgress: (e) => {
      if (e.type === 'pushed') {
        clear();
        io.err(`${prefix}${c.blue('pushed')} ${escapeTerminal(`${e.tag}@${e.digest}`)}\n`);
      } else if (e.type === 'step-started') {
        running.set(e.step.id, { step: e.step, since: Date.now(), last: '' });
      } else if (e.type === 'step-log') {
        const r = running.get(e.step.id);
        if (r) r.last = e.text;
      } else if (e.type === 'step-finished') {
        running.delete(e.step.id);
        const s = e.step;
        if (s.source || s.status === 'error') {
          clear();
          const mark =
            s.status === 'cached'
              ? c.dim('cached')
              : s.status === 'error'
                ? c.red('failed')
                : s.status === 'canceled'
                  ? c.yellow('canceled')
                  : c.blue(`done${seconds(s.durationMs)}`);
          io.err(`${prefix}${escapeTerminal(s.name)} ${mark}\n`);
        }
      }
      draw();
    },
    done: () => {
      clearInterval(timer);
      clear();
    },
  };
}

/** Runs `fn` with a signal Ctrl-C or SIGTERM aborts: the client stops and the engine cancels. */
export async function interruptible<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => controller.abort(new CliError('interrupted', 130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/**
 * A failed build as the CLI reports it: the BuildError's location, frame and the step's last
 * output on stderr, exit 1. Options the build refused are usage errors (exit 2); anything
 * else is rethrown.
 */
export function buildFailure(error: unknown, io: Io): number {
  if (error instanceof BuildError) {
    io.err(`${escapeTerminal(error.message)}\n`);
    if (error.output.length > 0) {
      io.err(
        `last output of the step:\n${error.output.map((l) => `  ${escapeTerminal(l)}`).join('\n')}\n`,
      );
    }
    return 1;
  }
  if (error instanceof BuildOptionsError) throw new CliError(error.message, 2, { cause: error });
  throw error;
}
