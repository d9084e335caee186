import type { DockerfileNode } from '@dockwright/ast';
import type { DockerfileStage, StageBuiltins } from '@dockwright/sdk';

/**
 * What `build()` and `bake()` accept as a Dockerfile: an `@dockwright/sdk` builder, an
 * `@dockwright/ast` tree, or the text.
 */
export type DockerfileInput = string | DockerfileNode | DockerfileLike;

/** Anything with the SDK builder's `toAst()`/`toString()` (a builder from any copy of the SDK). */
export interface DockerfileLike {
  toAst(): DockerfileNode;
  toString(): string;
}

// biome-ignore lint/suspicious/noExplicitAny: matches a builder in any type state
type AnyBuilder = DockerfileStage<any, any, any, any>;

/**
 * The stage names `target` may take: the builder's `as` names, or any string for text and trees.
 *
 * @example
 * ```ts
 * type T = TargetOf<typeof builder> // 'build' | 'runtime'
 * ```
 */
export type TargetOf<D> = D extends AnyBuilder
  ? // biome-ignore lint/suspicious/noExplicitAny: only the stage names are read
    D extends DockerfileStage<infer S, infer C, any, any>
    ? S | C
    : string
  : string;

/**
 * The ARG names the builder declared that a build can see: its global ARGs and the ARGs and
 * ENVs of its last stage (the SDK's type state keeps no more). `string` for text and trees.
 */
export type ArgOf<D> = D extends AnyBuilder
  ? // biome-ignore lint/suspicious/noExplicitAny: only the variable names are read
    D extends DockerfileStage<any, any, infer G, infer V>
    ? G | V
    : string
  : string;

/** BuildKit's predefined ARGs: usable without an ARG instruction (the proxies and BuildKit's own). */
export type PredefinedArg =
  | Exclude<StageBuiltins, 'PATH'>
  | 'SOURCE_DATE_EPOCH'
  | 'BUILDKIT_CACHE_MOUNT_NS'
  | 'BUILDKIT_CONTEXT_KEEP_GIT_DIR'
  | 'BUILDKIT_INLINE_CACHE'
  | 'BUILDKIT_MULTI_PLATFORM'
  | 'BUILDKIT_SANDBOX_HOSTNAME'
  | 'BUILDKIT_SYNTAX'
  | 'BUILDKIT_DOCKERFILE_CHECK';

/**
 * Build arguments. For a builder the names it declared are suggested (global ARGs, the last
 * stage's ARGs); any other name is checked when the build starts against every ARG of the
 * Dockerfile, since the SDK's types do not carry the ARGs of earlier stages.
 */
export type BuildArgs<A extends string> = { readonly [K in A | PredefinedArg]?: string } & {
  readonly [name: string]: string | undefined;
};

/** A cache import or export: `type=registry,ref=…` as buildx writes it, or its fields. */
export type CacheSpec =
  | string
  | {
      readonly type: 'registry' | 'inline' | 'local' | 'gha' | 's3' | 'azblob' | (string & {});
      readonly [attribute: string]: string | undefined;
    };

/**
 * A build secret, exposed to `RUN --mount=type=secret,id=…`: a file, an environment variable,
 * or a value (handed to the client through its environment, never its command line).
 */
export type SecretSpec =
  | { readonly id: string; readonly src: string }
  | { readonly id: string; readonly env: string }
  | { readonly id: string; readonly value: string };

/** An SSH agent socket or keys for `RUN --mount=type=ssh`: `'default'` is `$SSH_AUTH_SOCK`. */
export type SshSpec = 'default' | { readonly id: string; readonly paths?: readonly string[] };

/** Which client drives the build: `docker buildx build`, or `DOCKER_BUILDKIT=1 docker build`. */
export type EngineKind = 'buildx' | 'docker';

/** How to reach the engine. Unset fields follow the environment, as `docker` itself does. */
export interface EngineOptions {
  /** The docker client. Default `docker` on PATH. */
  readonly command?: string;
  /** `DOCKER_HOST` for this build: `unix:///…`, `tcp://127.0.0.1:2375`, `ssh://…`. */
  readonly host?: string;
  /** A Docker context (`docker --context NAME`). */
  readonly context?: string;
  /** `DOCKER_CONFIG`: the directory of config.json (credentials, contexts, plugins). */
  readonly config?: string;
  /** Force a client instead of asking `docker buildx version`. */
  readonly kind?: EngineKind;
  /** Extra environment for the client. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface BuildOptions<Target extends string = string, Arg extends string = string> {
  /** The build context: a directory or a Git/HTTP URL. Default: none (only the Dockerfile). */
  readonly context?: string;
  readonly tags?: readonly string[];
  /** The stage to build. */
  readonly target?: Target;
  readonly buildArgs?: BuildArgs<Arg>;
  /** `linux/amd64`, `linux/arm64`…; more than one needs buildx. */
  readonly platforms?: readonly string[];
  readonly cacheFrom?: readonly CacheSpec[];
  /** Cache exports; without buildx only `inline` (BUILDKIT_INLINE_CACHE=1). */
  readonly cacheTo?: readonly CacheSpec[];
  readonly secrets?: readonly SecretSpec[];
  readonly ssh?: readonly SshSpec[];
  /** Push every tag once built, and report the pushed digest. */
  readonly push?: boolean;
  /** A buildx builder (`docker buildx create --name …`), e.g. a remote BuildKit. */
  readonly builder?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly noCache?: boolean;
  /** Always pull base images. */
  readonly pull?: boolean;
  /** Stops the build: the client is interrupted and the engine cancels the solve. */
  readonly signal?: AbortSignal;
  /** Called for each progress event; if it throws, the build stops and rejects with that error. */
  readonly onProgress?: (event: BuildEvent) => void;
  /** Working directory the client runs in (relative contexts and secret files). */
  readonly cwd?: string;
  /** The name messages give the Dockerfile. Default `Dockerfile`. */
  readonly file?: string;
  readonly engine?: EngineOptions;
}

/** The Dockerfile instruction a step runs. */
export interface StepSource {
  /** 1-based line of the instruction's keyword. */
  readonly line: number;
  readonly column: number;
  /** The last line of the instruction (continuations included). */
  readonly endLine: number;
  readonly keyword: string;
  /** The stage's index, and its name (lower-case) when it has one. */
  readonly stage: number;
  readonly stageName: string | null;
}

export type StepStatus = 'running' | 'done' | 'cached' | 'error' | 'canceled';

/** One vertex of the build, as the engine reports it. */
export interface BuildStep {
  /** The progress number (`#5`), in the order the engine first showed the step. */
  readonly id: number;
  /** The engine's name: `[build 2/4] RUN npm ci`, `[internal] load build context`. */
  readonly name: string;
  /** The instruction it runs, or null for the engine's own steps (context, export, metadata). */
  readonly source: StepSource | null;
  /** The platform prefix of a multi-platform build, or null. */
  readonly platform: string | null;
  readonly status: StepStatus;
  readonly cached: boolean;
  /** The engine's measure of the step's run time (0.1 s resolution), or null. */
  readonly durationMs: number | null;
  /** The engine's error, for a failed step. */
  readonly error: string | null;
}

/** Progress of a build, in the order the engine reports it. */
export type BuildEvent =
  | { readonly type: 'step-started'; readonly step: BuildStep }
  | { readonly type: 'step-cached'; readonly step: BuildStep }
  | {
      readonly type: 'step-log';
      readonly step: BuildStep;
      /** One line of the step's output (stdout and stderr are merged by the engine). */
      readonly text: string;
      /** Seconds since the step started, as the engine stamps it. */
      readonly time: number;
    }
  | {
      readonly type: 'step-status';
      readonly step: BuildStep;
      /** `transferring context: 38B`, `sha256:… 1.2MB / 3.4MB 0.5s`, `writing image sha256:… done`. */
      readonly text: string;
    }
  | { readonly type: 'step-finished'; readonly step: BuildStep }
  | { readonly type: 'pushed'; readonly tag: string; readonly digest: string };

export interface PushedImage {
  readonly tag: string;
  readonly digest: string;
}

export interface BuildResult {
  /** The image id (`sha256:…`, the config digest), or null when the image stays in the builder. */
  readonly imageId: string | null;
  /** The pushed manifest (or index) digest, when `push` was set. */
  readonly digest: string | null;
  readonly pushed: readonly PushedImage[];
  readonly tags: readonly string[];
  /** Every step, in the order the engine first showed it. */
  readonly steps: readonly BuildStep[];
  readonly engine: EngineKind;
  /** Wall time of the build (and push), in milliseconds. */
  readonly durationMs: number;
}
