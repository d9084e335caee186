import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BakeFile, bakeTargetOptions, bakeTargets } from './bake.js';
import { BakeProgress } from './bake-progress.js';
import { build, failure } from './build.js';
import { BuildError } from './build-error.js';
import { concurrency } from './concurrency.js';
import { clientFor, detectEngineKind, runClient } from './docker-client.js';
import { type ResolvedDockerfile, resolveDockerfile } from './dockerfile-input.js';
import type { BuildEvent, EngineKind, EngineOptions } from './types.js';

export interface RunBakeOptions {
  /** Targets or groups to build; default the `default` group. */
  readonly targets?: readonly string[];
  /** Where bake runs: relative contexts start here. */
  readonly cwd?: string;
  readonly engine?: EngineOptions;
  readonly signal?: AbortSignal;
  readonly onProgress?: (target: string, event: BuildEvent) => void;
  /** Builds at once when buildx is missing. Default 2. */
  readonly concurrency?: number;
}

export interface BakeTargetResult {
  readonly imageId: string | null;
  readonly digest: string | null;
}

export interface RunBakeResult {
  readonly engine: EngineKind;
  readonly targets: Readonly<Record<string, BakeTargetResult>>;
}

/**
 * Builds a bake file: `docker buildx bake -f -` (the file on stdin) when buildx is installed,
 * its progress split by target (`onProgress(target, event)`, as without buildx);
 * otherwise each target through {@link build}, a few at a time, on the engine's built-in
 * BuildKit: the first target that fails stops the builds still running (and starts no more),
 * and its error is thrown once every client has exited. Either way the same JSON decides what
 * is built.
 */
export async function runBake(
  file: BakeFile,
  options: RunBakeOptions = {},
): Promise<RunBakeResult> {
  const names = bakeTargets(file, options.targets);
  const limit = concurrency(options.concurrency, 2);
  const client = clientFor(options.engine);
  const kind = await detectEngineKind(client, options.engine?.kind, options.signal);
  if (kind === 'buildx') return { engine: kind, targets: await buildxBake(file, names, options) };
  const results: Record<string, BakeTargetResult> = {};
  const queue = [...names];
  // The first failure stops the builds still running and the queue: it is the one reported.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const failures: unknown[] = [];
  const worker = async () => {
    for (
      let name = queue.shift();
      name !== undefined && !stop.signal.aborted;
      name = queue.shift()
    ) {
      try {
        const { dockerfile, dockerfilePath, options: o } = bakeTargetOptions(file.target[name]!);
        const cwd = options.cwd ?? process.cwd();
        const text =
          dockerfile ??
          (await readFile(resolve(cwd, o.context, dockerfilePath ?? 'Dockerfile'), 'utf8'));
        const r = await build(text, {
          ...o,
          cwd,
          file: `${name}:Dockerfile`,
          engine: { ...options.engine, kind },
          signal,
          ...(options.onProgress
            ? { onProgress: (e: BuildEvent) => options.onProgress!(name, e) }
            : {}),
        });
        results[name] = { imageId: r.imageId, digest: r.digest };
      } catch (error) {
        failures.push(error);
        stop.abort();
      }
    }
  };
  // Every build has settled (its client has exited) before runBake does.
  await Promise.all(Array.from({ length: Math.min(limit, names.length) }, worker));
  if (failures.length > 0) throw failures[0];
  // In the order of the file, not of completion.
  return { engine: kind, targets: Object.fromEntries(names.map((n) => [n, results[n]!])) };
}

/** A target's Dockerfile: inline, or its file (null when bake reads it from a URL context). */
async function targetDockerfile(
  target: BakeFile['target'][string],
  cwd: string,
): Promise<ResolvedDockerfile | null> {
  const { dockerfile, dockerfilePath, options } = bakeTargetOptions(target);
  if (dockerfile !== null) return resolveDockerfile(dockerfile);
  try {
    return resolveDockerfile(
      await readFile(resolve(cwd, options.context, dockerfilePath ?? 'Dockerfile'), 'utf8'),
    );
  } catch {
    return null;
  }
}

async function buildxBake(
  file: BakeFile,
  names: readonly string[],
  options: RunBakeOptions,
): Promise<Record<string, BakeTargetResult>> {
  const client = clientFor(options.engine);
  const cwd = options.cwd ?? process.cwd();
  const dockerfiles = new Map<string, ResolvedDockerfile | null>();
  for (const name of names) dockerfiles.set(name, await targetDockerfile(file.target[name]!, cwd));
  const progress = new BakeProgress(dockerfiles, (target, event) =>
    options.onProgress?.(target, event),
  );
  const dir = await mkdtemp(join(tmpdir(), 'dockwright-bake-'));
  try {
    const metadata = join(dir, 'metadata.json');
    const run = await runClient(
      client.command,
      [
        ...client.globalArgs,
        'buildx',
        'bake',
        '-f',
        '-',
        '--progress=plain',
        '--metadata-file',
        metadata,
        '--',
        ...names,
      ],
      {
        env: client.env,
        input: JSON.stringify(file),
        cwd,
        ...(options.signal ? { signal: options.signal } : {}),
        onStderr: (chunk) => progress.push(chunk),
      },
    );
    progress.end();
    if (run.aborted)
      throw options.signal?.reason ?? new DOMException('The bake was aborted', 'AbortError');
    if (run.code !== 0) {
      const name = progress.failedTarget;
      const failed = name === null ? undefined : progress.target(name);
      if (name !== null && failed?.dockerfile) {
        throw failure(
          failed.progress,
          failed.dockerfile,
          `${name}:Dockerfile`,
          run.code,
          run.stderr,
        );
      }
      const last = run.stderr.trim().split('\n').pop() ?? '';
      throw new BuildError({
        engineMessage: last.replace(/^ERROR: /, '') || `docker buildx bake exited with ${run.code}`,
        step: null,
        location: null,
        output: run.stderr.trim().split('\n').slice(-20),
        exitCode: run.code,
      });
    }
    const meta = JSON.parse(await readFile(metadata, 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    const out: Record<string, BakeTargetResult> = {};
    for (const name of names) {
      const m = meta[name] ?? {};
      const pushed = bakeTargetOptions(file.target[name]!).options.push === true;
      const configDigest = m['containerimage.config.digest'];
      const digest =
        typeof m['containerimage.digest'] === 'string' ? m['containerimage.digest'] : null;
      // Docker's own exporter (the docker driver on engines before 24) writes no config digest:
      // its `containerimage.digest` is the image id, until a push puts the manifest's there.
      let imageId = typeof configDigest === 'string' ? configDigest : pushed ? null : digest;
      imageId ??= progress.target(name)?.progress.imageId ?? null;
      out[name] = { imageId, digest: pushed ? digest : null };
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
