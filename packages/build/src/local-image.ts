import { clientFor, runClient } from './docker-client.js';
import type { EngineOptions } from './types.js';

/** An image in the engine's own store, as `docker image inspect` describes it. */
export interface LocalImage {
  /** The image ID (`sha256:…`). */
  readonly id: string;
  /** `linux`, `windows`. */
  readonly os: string;
  /** `amd64`, `arm64`, as the image's config writes it. */
  readonly architecture: string;
  /** `v7`, `v8`, when the config names one. */
  readonly variant?: string;
  /** Windows: `10.0.20348.4171`. */
  readonly osVersion?: string;
  /** How many file system layers it has. */
  readonly layers: number;
}

/** The engine did not answer, or answered an error that is not "no such image". */
export class EngineError extends Error {
  /** `EngineError`. */
  override readonly name = 'EngineError';
}

function engineFailure(what: string, stderr: string): EngineError {
  const why = stderr.trim().split('\n').pop() || 'no answer';
  return new EngineError(`${what}: ${why}`);
}

/**
 * The engine's local copy of an image (what `docker build` uses before asking a registry),
 * or null when the engine has none. Nothing is pulled.
 *
 * @example
 * ```ts
 * await localImage('python:3.12-slim') // { id: 'sha256:…', os: 'linux', architecture: 'amd64', layers: 4 }
 * ```
 */
export async function localImage(
  reference: string,
  engine: EngineOptions = {},
  signal?: AbortSignal,
): Promise<LocalImage | null> {
  if (reference.startsWith('-') || reference.trim() === '') {
    throw new EngineError(`invalid image reference ${JSON.stringify(reference)}`);
  }
  const client = clientFor(engine);
  const run = await runClient(
    client.command,
    [...client.globalArgs, 'image', 'inspect', '--format', '{{json .}}', reference],
    { env: client.env, ...(signal ? { signal } : {}) },
  );
  if (run.code !== 0) {
    if (/no such (?:image|object)/i.test(run.stderr)) return null;
    throw engineFailure(`docker image inspect ${reference}`, run.stderr);
  }
  let inspected: {
    Id?: unknown;
    Os?: unknown;
    Architecture?: unknown;
    Variant?: unknown;
    OsVersion?: unknown;
    RootFS?: { Layers?: unknown };
  };
  try {
    inspected = JSON.parse(run.stdout);
  } catch {
    throw new EngineError(`docker image inspect ${reference}: the answer is not JSON`);
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const variant = str(inspected.Variant);
  const osVersion = str(inspected.OsVersion);
  return {
    id: str(inspected.Id) ?? '',
    os: str(inspected.Os) ?? '',
    architecture: str(inspected.Architecture) ?? '',
    ...(variant ? { variant } : {}),
    ...(osVersion ? { osVersion } : {}),
    layers: Array.isArray(inspected.RootFS?.Layers) ? inspected.RootFS.Layers.length : 0,
  };
}

/**
 * The engine's platform (`linux/amd64`): what a build that asks for no platform builds for.
 * Throws {@link EngineError} when no engine answers.
 */
export async function enginePlatform(
  engine: EngineOptions = {},
  signal?: AbortSignal,
): Promise<string> {
  const client = clientFor(engine);
  const run = await runClient(
    client.command,
    [...client.globalArgs, 'version', '--format', '{{.Server.Os}}/{{.Server.Arch}}'],
    { env: client.env, ...(signal ? { signal } : {}) },
  );
  const platform = run.stdout.trim();
  if (run.code !== 0 || !/^[a-z0-9_]+\/[a-z0-9_]+$/.test(platform)) {
    throw engineFailure('docker version', run.stderr);
  }
  return platform;
}
