import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DockerfileNode, suggest, viewArg } from '@dockwright/ast';
import { buildArguments } from './build-arguments.js';
import { BuildError, type BuildErrorLocation, BuildOptionsError } from './build-error.js';
import { codeFrame } from './code-frame.js';
import { type Client, clientFor, detectEngineKind, runClient } from './docker-client.js';
import { type ResolvedDockerfile, resolveDockerfile } from './dockerfile-input.js';
import { parseImageReference } from './image-reference.js';
import { imageReferences } from './image-references.js';
import { PlainProgress } from './plain-progress.js';
import { stepSources } from './step-sources.js';
import type {
  ArgOf,
  BuildEvent,
  BuildOptions,
  BuildResult,
  DockerfileInput,
  EngineKind,
  PushedImage,
  TargetOf,
} from './types.js';

const PREDEFINED_ARGS = new Set([
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'FTP_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SOURCE_DATE_EPOCH',
  'BUILDKIT_CACHE_MOUNT_NS',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM',
  'BUILDKIT_SANDBOX_HOSTNAME',
  'BUILDKIT_SYNTAX',
  'BUILDKIT_DOCKERFILE_CHECK',
]);

/**
 * Builds a Dockerfile with BuildKit: `docker buildx build` when buildx is installed, else the
 * engine's built-in BuildKit (`DOCKER_BUILDKIT=1 docker build`), on whatever engine
 * `DOCKER_HOST`, a Docker context or a buildx builder names. The Dockerfile goes to the client
 * on stdin. Resolves with the image id, the pushed digest and every step (cached or not, and
 * how long it ran); a failing step rejects with a {@link BuildError} that points at its line.
 *
 * @example
 * ```ts
 * const app = dockerfile().arg('NODE', '22').from('node:${NODE}-slim', { as: 'runtime' }).cmd(['node']);
 * const { imageId, steps } = await build(app, { tags: ['app:dev'], target: 'runtime', buildArgs: { NODE: '20' } });
 * // docker build --progress=plain --iidfile … -t app:dev --target runtime --build-arg NODE=20 -- -
 * ```
 */
export async function build<const D extends DockerfileInput>(
  dockerfile: D,
  options: BuildOptions<TargetOf<D>, ArgOf<D>> = {},
): Promise<BuildResult> {
  const started = performance.now();
  const file = options.file ?? 'Dockerfile';
  const resolved = resolveDockerfile(dockerfile, file);
  checkBuildArgs(resolved.tree, options.buildArgs ?? {});
  options.signal?.throwIfAborted();
  const client = clientFor(options.engine);
  const kind = await detectEngineKind(client, options.engine?.kind, options.signal);
  // A progress callback that throws stops the build: the client is interrupted and the
  // callback's error is what build() rejects with, once the client has exited.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const callbackErrors: unknown[] = [];
  const onProgress = options.onProgress;
  const emit = (event: BuildEvent) => {
    if (!onProgress || callbackErrors.length > 0) return;
    try {
      onProgress(event);
    } catch (error) {
      callbackErrors.push(error);
      stop.abort(error);
    }
  };
  const dir = await mkdtemp(join(tmpdir(), 'dockwright-build-'));
  try {
    const files = { iidfile: join(dir, 'iid'), metadataFile: join(dir, 'metadata.json') };
    const invocation = buildArguments(kind, options, files);
    const progress = new PlainProgress(stepSources(resolved.tree, resolved.text), emit);
    const run = await runClient(client.command, [...client.globalArgs, ...invocation.args], {
      env: { ...client.env, ...invocation.env },
      input: resolved.text,
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      signal,
      onStderr: (chunk) => progress.push(chunk),
    });
    progress.end();
    if (callbackErrors.length > 0) throw callbackErrors[0];
    if (run.aborted) throw abortReason(options.signal);
    if (run.code !== 0) throw failure(progress, resolved, file, run.code, run.stderr);
    const imageId = (await readOptional(files.iidfile))?.trim() || progress.imageId;
    let pushed: PushedImage[] = [];
    if (options.push) {
      pushed =
        kind === 'buildx'
          ? pushedByBuildx(await readOptional(files.metadataFile), options.tags ?? [])
          : await pushTags(client, options.tags ?? [], signal, emit);
      for (const p of kind === 'buildx' ? pushed : []) emit({ type: 'pushed', ...p });
      if (callbackErrors.length > 0) throw callbackErrors[0];
    }
    return {
      imageId: imageId || null,
      digest: pushed[0]?.digest ?? null,
      pushed,
      tags: [...(options.tags ?? [])],
      steps: progress.steps(),
      engine: kind,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A build arg no ARG declares is a typo BuildKit would only warn about: refuse it. */
function checkBuildArgs(tree: DockerfileNode, args: Readonly<Record<string, string | undefined>>) {
  const declared: string[] = [];
  const collect = (node: DockerfileNode['children'][number]) => {
    if (node.type !== 'instruction') return;
    if (node.keyword === 'ARG')
      for (const a of viewArg(node, tree.escape).args) declared.push(a.name);
    if (node.trigger) collect(node.trigger);
  };
  for (const child of tree.children) collect(child);
  for (const name of Object.keys(args)) {
    if (declared.includes(name) || PREDEFINED_ARGS.has(name.toUpperCase())) continue;
    const near = suggest(name, declared, true);
    throw new BuildOptionsError(
      `build arg ${name} is not declared by any ARG in the Dockerfile${near ? ` (did you mean ${near}?)` : declared.length > 0 ? ` (it declares ${declared.join(', ')})` : ''}`,
    );
  }
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The build was aborted', 'AbortError');
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** The error of a failed build: the engine's message, the step, and where it is. */
export function failure(
  progress: PlainProgress,
  dockerfile: ResolvedDockerfile,
  file: string,
  exitCode: number | null,
  stderr: string,
): BuildError {
  const failed = progress.failed();
  const message =
    engineMessage(progress.trailer) ??
    failed?.step.error ??
    (lastLine(stderr) || `the docker client exited with ${exitCode}`);
  let span: { line: number; column: number; endLine: number } | null =
    failed?.step.source ?? (failed ? imageSpan(dockerfile, failed.step.name) : null);
  if (!span) {
    // The Dockerfile frontend's own errors: `dockerfile parse error line 3: …` (Docker 20.10),
    // `dockerfile parse error on line 3: …`, or buildx's `Dockerfile:3` frame heading.
    const n =
      /\bline (\d+)\b/.exec(message)?.[1] ??
      progress.trailer.map((l) => /^\S+:(\d+)$/.exec(l)?.[1]).find((x) => x !== undefined);
    if (n !== undefined) span = spanOfLine(dockerfile.tree, Number(n));
  }
  const location: BuildErrorLocation | null = span
    ? { file, ...span, frame: codeFrame(dockerfile.text, span.line, span.endLine) }
    : null;
  return new BuildError({
    engineMessage: message,
    step: failed?.step ?? null,
    location,
    output: failed?.output ?? [],
    exitCode,
  });
}

/**
 * The instruction naming the image of a step that failed to pull it: `[internal] load metadata
 * for docker.io/library/node:22` (a FROM), `FROM docker.io/library/node:22` (a `COPY --from` or
 * `--mount from=` image). References written with variables are not matched.
 */
function imageSpan(dockerfile: ResolvedDockerfile, stepName: string) {
  const shown = /^(?:\[internal\] load metadata for|FROM) (\S+)$/.exec(stepName)?.[1];
  if (!shown) return null;
  const key = (ref: string) => {
    try {
      const r = parseImageReference(ref);
      return `${r.registry}/${r.repository}:${r.tag ?? (r.digest ? '' : 'latest')}@${r.digest ?? ''}`;
    } catch {
      return null;
    }
  };
  const wanted = key(shown);
  const site = imageReferences(dockerfile.text, dockerfile.tree).find(
    (s) => !s.ref.includes('$') && key(s.ref) === wanted,
  );
  const p = site?.node.position;
  return p ? { line: p.line, column: p.column, endLine: p.endLine } : null;
}

/** The instruction that covers `line`, or the line alone. */
function spanOfLine(tree: DockerfileNode, line: number) {
  for (const child of tree.children) {
    const p = child.position;
    if (child.type === 'instruction' && p && p.line <= line && line <= p.endLine) {
      return { line: p.line, column: p.column, endLine: p.endLine };
    }
  }
  return { line, column: 1, endLine: line };
}

/**
 * The client's closing error: the summary lines minus the blocks that repeat a step's output
 * (`------` / ` > name:` / … / `------`) and buildx's code frame (`Dockerfile:3` / dashes / …
 * / dashes), without buildx's `ERROR: ` prefix.
 */
export function engineMessage(trailer: readonly string[]): string | null {
  const kept: string[] = [];
  for (let i = 0; i < trailer.length; i++) {
    const line = trailer[i]!;
    const next = trailer[i + 1] ?? '';
    if (
      (line === '------' && next.startsWith(' > ')) ||
      (/^\S+:\d+$/.test(line) && /^-{4,}$/.test(next))
    ) {
      // Skip to the block's closing dashes.
      let j = i + 2;
      while (j < trailer.length && !/^-{4,}$/.test(trailer[j]!)) j++;
      i = j;
      continue;
    }
    if (line.trim() !== '') kept.push(line.replace(/^ERROR: /, ''));
  }
  return kept.length > 0 ? kept.join('\n') : null;
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .pop() ?? ''
  );
}

/** buildx's metadata file: `containerimage.digest` is the pushed manifest (or index). */
function pushedByBuildx(metadata: string | null, tags: readonly string[]): PushedImage[] {
  if (!metadata) return [];
  let digest: unknown;
  try {
    digest = (JSON.parse(metadata) as Record<string, unknown>)['containerimage.digest'];
  } catch {
    return [];
  }
  return typeof digest === 'string' ? tags.map((tag) => ({ tag, digest })) : [];
}

/** The built-in BuildKit cannot push: `docker push` each tag, reading its digest line. */
async function pushTags(
  client: Client,
  tags: readonly string[],
  signal: AbortSignal | undefined,
  emit: (event: BuildEvent) => void,
): Promise<PushedImage[]> {
  const pushed: PushedImage[] = [];
  for (const tag of tags) {
    const run = await runClient(client.command, [...client.globalArgs, 'push', '--', tag], {
      env: client.env,
      ...(signal ? { signal } : {}),
    });
    if (run.aborted) throw abortReason(signal);
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(run.stdout)?.[1];
    if (run.code !== 0 || !digest) {
      throw new BuildError({
        engineMessage: `push of ${tag} failed: ${lastLine(run.stderr) || lastLine(run.stdout) || `exit code ${run.code}`}`,
        step: null,
        location: null,
        output: run.stdout
          .split('\n')
          .filter((l) => l !== '')
          .slice(-20),
        exitCode: run.code,
      });
    }
    pushed.push({ tag, digest });
    emit({ type: 'pushed', tag, digest });
  }
  return pushed;
}

export type { EngineKind };
