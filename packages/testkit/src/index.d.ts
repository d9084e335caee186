/**
 * Test helpers for running generated Dockerfiles against a real Docker engine
 * (the private one `scripts/docker-sandbox.sh up` starts). Types for ./index.js.
 */

export interface AvailableDockerEngine {
  readonly available: true;
  /** The docker client to run: $DOCKWRIGHT_DOCKER, else /usr/bin/docker, else `docker`. */
  readonly docker: string;
  /** Variables to add to process.env for docker commands (DOCKER_HOST, DOCKER_BUILDKIT=1). */
  readonly env: Readonly<Record<string, string>>;
  /** The engine's version, e.g. "20.10.24+dfsg1". */
  readonly serverVersion: string;
}

export interface UnavailableDockerEngine {
  readonly available: false;
  /** Why: the client's first error line and the DOCKER_HOST it tried. */
  readonly reason: string;
}

export type DockerEngine = AvailableDockerEngine | UnavailableDockerEngine;

/** The docker client to use: $DOCKWRIGHT_DOCKER, else /usr/bin/docker, else `docker`. */
export function dockerBinary(): string;

/** Whether an engine answers `docker info` at $DOCKER_HOST; cached unless `refresh`. */
export function dockerEngine(options?: { refresh?: boolean }): DockerEngine;

/**
 * The engine, or null (after one console.warn saying how to start it) so the caller can
 * `describe.skipIf(!engine)`. Throws instead when CI=true or DOCKWRIGHT_REQUIRE_DOCKER=1.
 * With DOCKWRIGHT_ENGINE_TESTS=skip (`pnpm test:unit`) it returns null without asking.
 */
export function requireDockerEngine(): AvailableDockerEngine | null;

export interface DockerOptions {
  cwd?: string;
  /** Added to process.env (after DOCKER_HOST and DOCKER_BUILDKIT=1). */
  env?: Record<string, string>;
  /** Kill the client and reject after this long. Default 10 minutes. */
  timeoutMs?: number;
  /**
   * Stop the client (SIGTERM, then SIGKILL 10 s later) when it prints nothing for this long,
   * and resolve with `stalled` set. Default: no limit.
   */
  silenceMs?: number;
  /** Written to the client's stdin. */
  input?: string | Buffer;
}

export interface DockerResult {
  /** Exit code of the client (128 when it was killed by a signal). */
  code: number;
  stdout: string;
  stderr: string;
  /**
   * Set when the client was stopped for printing nothing for `silenceMs`, with how much of
   * stdout and stderr (bytes) it had printed by then.
   */
  stalled?: { silentMs: number; stdoutBytes: number; stderrBytes: number };
}

/**
 * Run the docker client (no shell). Resolves whatever the exit code; rejects on timeout. With
 * `silenceMs`, a silent client is stopped and the result has `stalled`.
 */
export function docker(args: readonly string[], options?: DockerOptions): Promise<DockerResult>;

export interface DockerBuildOptions {
  /** Path of the Dockerfile, relative to the context directory or absolute (`-f`). */
  dockerfile?: string;
  /** The Dockerfile's text, sent on stdin (`-f -`); wins over `dockerfile`. */
  dockerfileText?: string;
  buildArgs?: Record<string, string>;
  target?: string;
  noCache?: boolean;
  /** More `docker build` arguments, before the context. */
  extraArgs?: readonly string[];
  env?: Record<string, string>;
  /** Default 10 minutes. */
  timeoutMs?: number;
  /**
   * Cancel the build when it prints nothing for this long (a step waiting on a stalled network
   * connection): the client gets SIGTERM, which cancels the build in the engine, and the
   * result has `stalled`. Default: no limit.
   */
  stallTimeoutMs?: number;
}

export interface DockerBuildResult extends Omit<DockerResult, 'stalled'> {
  /** code === 0 */
  ok: boolean;
  /** stderr then stdout: with --progress=plain, the build log (steps, CACHED lines, errors). */
  output: string;
  /** Wall time of the build in milliseconds. */
  durationMs: number;
  /** Set when the build was cancelled for printing nothing for `stallTimeoutMs`. */
  stalled?: {
    silentMs: number;
    /** The steps that had begun and not ended, as the log names them (`[build 2/4] RUN npm ci`). */
    steps: string[];
  };
  /** Set by `buildRetryingNetwork` on a later attempt: why each earlier one failed, and its time. */
  retried?: { why: string; durationMs: number }[];
}

/**
 * The steps of a `--progress=plain` build log that began and had not ended (no DONE, CACHED,
 * ERROR or CANCELED line), by the name the log gives them: what a stalled build was doing.
 */
export function unfinishedSteps(output: string): string[];

/** `DOCKER_BUILDKIT=1 docker build --progress=plain -t TAG .` in `contextDir`. */
export function dockerBuild(
  contextDir: string,
  tag: string,
  options?: DockerBuildOptions,
): Promise<DockerBuildResult>;

/** How long a build may print nothing before `buildRetryingNetwork` cancels it (120 s). */
export const BUILD_STALL_MS: number;

/**
 * Why a failed build looks like the network's weather, or undefined: cancelled while silent in a
 * RUN step that fetches packages, or its output names a network error (EAI_AGAIN, ECONNRESET,
 * ETIMEDOUT, npm's EIDLETIMEOUT…).
 */
export function networkTrouble(result: DockerBuildResult): string | undefined;

/** How many times `buildRetryingNetwork` builds again after the network failed a build (2). */
export const NETWORK_RETRIES: number;

/**
 * `dockerBuild` with a stall bound (`BUILD_STALL_MS` unless `options.stallTimeoutMs`), run again
 * (up to `NETWORK_RETRIES` times, a console.warn line each time) when `networkTrouble` says the
 * network failed it. Other failures are returned as they are. A later attempt's result has
 * `retried`.
 */
export function buildRetryingNetwork(
  contextDir: string,
  tag: string,
  options?: DockerBuildOptions,
): Promise<DockerBuildResult>;

/** Throws unless `result.ok`, with the log's tail or, for a stalled build, its running steps. */
export function expectBuilt(result: DockerBuildResult): void;

export interface DockerRunOptions {
  /** Container name; generated (dw-test-XXXXXXXXXX) when absent. */
  name?: string;
  /** `-d`; default true. */
  detach?: boolean;
  /** `--rm`. */
  rm?: boolean;
  /** Container port -> host port, published on 127.0.0.1 only: `{ 8000: await freePort() }`. */
  ports?: Record<number | string, number>;
  env?: Record<string, string>;
  user?: string;
  entrypoint?: string;
  /** More `docker run` arguments, before the image. */
  extraArgs?: readonly string[];
  /** Command and arguments after the image. */
  command?: readonly string[];
  /** Default 60 s when detached, 10 minutes otherwise. */
  timeoutMs?: number;
}

export interface DockerRunResult extends DockerResult {
  /** The container's name (pass it to removeContainer, waitForHealthy, containerLogs). */
  container: string;
}

/** `docker run` (detached by default); ports bound to 127.0.0.1. */
export function dockerRun(image: string, options?: DockerRunOptions): Promise<DockerRunResult>;

/** stdout + stderr of `docker logs`. */
export function containerLogs(container: string): Promise<string>;

/** `docker rm -f -v`; missing containers are fine. */
export function removeContainer(container: string): Promise<void>;

/** `docker image rm -f`; missing images are fine. */
export function removeImage(image: string): Promise<void>;

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number>;

/** `prefix-` + 10 random hex digits. */
export function uniqueName(prefix?: string): string;

/**
 * Poll an http URL on a loopback address until it answers below 500; resolves with that
 * answer. Default timeout 30 s.
 */
export function waitForHttp(
  url: string,
  timeoutMs?: number,
): Promise<{ status: number; body: string }>;

/** Poll `docker inspect` until the HEALTHCHECK says healthy. Default timeout 60 s. */
export function waitForHealthy(container: string, timeoutMs?: number): Promise<void>;

/**
 * A distribution registry (Debian's `docker-registry`) on a free 127.0.0.1 port with its own
 * storage. Null (after a warning) when it is not installed; throws instead when CI=true.
 */
export function startRegistry(): Promise<{ readonly host: string; stop(): Promise<void> } | null>;

export interface Buildx {
  /** A DOCKER_CONFIG directory whose cli-plugins holds docker-buildx (this process's own). */
  readonly config: string;
  /** `docker-buildx version`: `github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3`. */
  readonly version: string;
}

/**
 * docker buildx for the tests (DOCKWRIGHT_BUILDX_CONFIG, set by `scripts/docker-sandbox.sh
 * env`), or null after one warning. Throws instead when CI=true or DOCKWRIGHT_REQUIRE_DOCKER=1.
 */
export function requireBuildx(): Buildx | null;
