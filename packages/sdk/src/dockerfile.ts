import type { DockerfileNode, EscapeChar, InstructionNode, TransformFn } from '@dockwright/ast';
import type { ArgRefName } from './arg.js';
import { builderOf } from './builder.js';
import type { CommandList } from './commands.js';
import type { Glob } from './copy-source.js';
import type { NodeMatch } from './edit-helpers.js';
import { type FrontendVersion, parseFrontend } from './frontend.js';
import { readOptionalString, readOptions } from './read-input.js';
import type { StageName } from './stage-name.js';
import type {
  AddOptions,
  CheckMounts,
  CheckVars,
  CopyOptions,
  DockerfileTypeError,
  FromCheck,
  FromSource,
  HealthcheckOptions,
  HeredocSource,
  Literal,
  LowerLetter,
  Mount,
  Named,
  Platform,
  PlatformArgs,
  Port,
  RunOptions,
  StageBuiltins,
  StageRef,
} from './types.js';

/** The name `arg()` declares: `N`, or the name inside an `arg()` reference `${N}`. */
export type DeclaredName<N extends string> = N extends `\${${string}}` ? ArgRefName<N> : N;

/** Strings of a source list, for variable checks. */
type SourceStrings<T> = T extends readonly (infer E)[] ? Extract<E, string> : Extract<T, string>;
type Source = string | HeredocSource | Glob;
type Sources = Source | readonly Source[];

/** A source literal with `*` or `?`: a plain string is a file name, so point to `glob()`. */
type SourceCheck<T> = [SourceStrings<T>] extends [never]
  ? unknown
  : [Extract<SourceStrings<T>, `${string}${'*' | '?'}${string}`>] extends [never]
    ? unknown
    : [SourceStrings<T>] extends [Literal]
      ? unknown
      : DockerfileTypeError<`a source is a file name, "*" and "?" included: use glob('${Extract<SourceStrings<T>, `${string}${'*' | '?'}${string}`> & string}') for a pattern, or literal('…') for a file with that name`>;

type StageNameCheck<A extends string, Taken extends string> = [A] extends [never]
  ? unknown
  : [A] extends [StageName]
    ? unknown
    : string extends A
      ? DockerfileTypeError<'the compiler cannot check a stage name typed string: pass it through stageName(name)'>
      : string extends Taken
        ? unknown
        : A extends Taken
          ? DockerfileTypeError<`duplicate stage name: ${A}`>
          : A extends Lowercase<A>
            ? A extends `${LowerLetter}${string}`
              ? unknown
              : DockerfileTypeError<`a stage name starts with a lower-case letter: ${A}`>
            : DockerfileTypeError<`stage names are lower-case: ${A}`>;

/** The stage id of a new stage: its name, or its index `N['length']` when it has none. */
type StageId<A extends string, N extends readonly unknown[]> = [A] extends [never]
  ? `${N['length']}`
  : A;

/** Options as written, without `K` (which the call types itself). */
type Without<T, K extends keyof T> = Omit<T, K>;

/**
 * A string for CMD or ENTRYPOINT is shell form and needs `{ shell: true }`; an array is exec
 * form. `unknown` when the call is right, else an error saying what to write.
 */
type CommandForm<T, O> = T extends string
  ? O extends { readonly shell: true }
    ? unknown
    : DockerfileTypeError<'a string is shell form: pass { shell: true }, or an array for exec form (["npm", "start"])'>
  : O extends { readonly shell: true }
    ? DockerfileTypeError<'an array is exec form: drop { shell: true }'>
    : unknown;

/** Options of `from()`. */
export interface FromOptions<A extends string> {
  /** The stage name, `^[a-z][a-z0-9-_.]*$`: later stages can `copy(…, { from: name })`. */
  readonly as?: A;
  readonly platform?: Platform;
}

export interface DockerfileOptions {
  /**
   * The newest Dockerfile frontend the output may need (`'1.2'` is Docker 20.10's built-in
   * one). A feature that needs a newer one throws a DockerfileBuildError.
   */
  readonly frontend?: FrontendVersion;
}

/**
 * A Dockerfile before its first FROM: only ARG, comments, the syntax directive and FROM.
 * `G` is the set of global ARGs declared so far.
 */
export interface DockerfilePreamble<G extends string = never> {
  /**
   * A global ARG (reaches FROM only; re-declare it in a stage with `arg('NAME')` to use it there).
   *
   * @example
   * ```ts
   * dockerfile().arg('NODE_VERSION', '22').from('node:${NODE_VERSION}-slim')
   * // ARG NODE_VERSION=22
   * //
   * // FROM node:${NODE_VERSION}-slim
   * ```
   */
  arg<const N extends string, const D extends string = never>(
    name: N,
    defaultValue?: D & CheckVars<D, G | PlatformArgs>,
  ): DockerfilePreamble<G | DeclaredName<N>>;
  /**
   * A comment line (each line of a multi-line text becomes its own).
   *
   * @example
   * ```ts
   * dockerfile().comment('built by dockwright') // # built by dockwright
   * ```
   */
  comment(text: string): DockerfilePreamble<G>;
  /**
   * An explicit `# syntax=` directive, instead of the one the builder picks for the features used.
   * A versioned `docker/dockerfile:1.N` caps the features like the `frontend` option: a newer one
   * throws a DockerfileBuildError. An unversioned tag (`docker/dockerfile:1`) or another frontend
   * image is written as given, with no cap.
   *
   * @example
   * ```ts
   * dockerfile().syntax('docker/dockerfile:1.7') // # syntax=docker/dockerfile:1.7
   * ```
   */
  syntax(value: string): DockerfilePreamble<G>;
  /**
   * Starts the first stage. The image may use global ARGs and BuildKit's platform ARGs. A stage
   * without `as` is known by its index (`.stage` is `'0'`), which only `copy(…, { from })` can use.
   *
   * @example
   * ```ts
   * dockerfile().from('node:22-slim', { as: 'build', platform: '$BUILDPLATFORM' })
   * // FROM --platform=$BUILDPLATFORM node:22-slim AS build
   * ```
   */
  from<const I extends string, const A extends string = never>(
    image: I & CheckVars<I, G | PlatformArgs>,
    options?: FromOptions<A> & { readonly as?: A & StageNameCheck<A, never> },
  ): DockerfileStage<never, StageId<A, []>, G, never, [unknown]>;
  /**
   * The tree.
   *
   * @example
   * ```ts
   * dockerfile().arg('V').toAst().children[0].keyword // 'ARG'
   * ```
   */
  toAst(): DockerfileNode;
  /**
   * The Dockerfile text.
   *
   * @example
   * ```ts
   * dockerfile().arg('V', '1').toString() // 'ARG V=1\n'
   * ```
   */
  toString(): string;
}

/**
 * A Dockerfile inside a stage. `S`: stages defined before this one (what `--from` may name,
 * an unnamed one by its index); `C`: this stage (its name or index); `G`: global ARGs; `V`:
 * variables this stage may expand (its ARGs and ENVs); `N`: one element per stage so far.
 */
export interface DockerfileStage<
  S extends string,
  C extends string,
  G extends string,
  V extends string,
  N extends readonly unknown[] = readonly unknown[],
> {
  /**
   * A handle on this stage for `copy(…, { from })` and mounts in later stages: its name, or
   * its index when it has none (`COPY --from=0`; mounts and FROM need a named stage).
   *
   * @example
   * ```ts
   * const build = dockerfile().from('node:22', { as: 'build' });
   * build.from('node:22-slim').copy('/app/dist', '/app/', { from: build.stage })
   * // COPY --from=build /app/dist /app/
   * ```
   */
  readonly stage: StageRef<C>;
  /**
   * Starts the next stage; this one becomes available to `--from`.
   *
   * @example
   * ```ts
   * stage.from('node:22-slim', { as: 'runtime' }) // FROM node:22-slim AS runtime  (after a blank line)
   * ```
   */
  from<const I extends string, const A extends string = never>(
    image: (I & CheckVars<I, G | PlatformArgs>) | StageRef<Named<S | C>>,
    options?: FromOptions<A> & { readonly as?: A & StageNameCheck<A, S | C> },
  ): DockerfileStage<S | C, StageId<A, N>, G, never, [...N, unknown]>;
  /**
   * Declares an ARG in the stage (a global one must be re-declared, without a default, to be used).
   *
   * @example
   * ```ts
   * stage.arg('NODE_ENV', 'production') // ARG NODE_ENV=production
   * ```
   */
  arg<const K extends string, const D extends string = never>(
    name: K,
    defaultValue?: D & CheckVars<D, V | StageBuiltins>,
  ): DockerfileStage<S, C, G, V | DeclaredName<K>, N>;
  /**
   * Sets environment variables; values are quoted as needed, `${NAME}` references checked.
   *
   * @example
   * ```ts
   * stage.env('GREETING', 'hello world') // ENV GREETING="hello world"
   * stage.env({ A: '1', B: '2' })        // ENV A=1 B=2
   * ```
   */
  env<const K extends string, const T extends string>(
    key: K & CheckVars<K, V | StageBuiltins>,
    value: T & CheckVars<T, V | StageBuiltins>,
  ): DockerfileStage<S, C, G, V | K, N>;
  env<const R extends Readonly<Record<string, string>>>(
    pairs: R & CheckVars<R[keyof R], V | StageBuiltins>,
  ): DockerfileStage<S, C, G, V | (keyof R & string), N>;
  /**
   * Adds image labels.
   *
   * @example
   * ```ts
   * stage.label('org.opencontainers.image.title', 'My app')
   * // LABEL org.opencontainers.image.title="My app"
   * ```
   */
  label<const K extends string, const T extends string>(
    key: K & CheckVars<K, V | StageBuiltins>,
    value: T & CheckVars<T, V | StageBuiltins>,
  ): DockerfileStage<S, C, G, V, N>;
  label<const R extends Readonly<Record<string, string>>>(
    pairs: R & CheckVars<R[keyof R], V | StageBuiltins>,
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * WORKDIR; a newline is refused, anything else quoted as needed.
   *
   * @example
   * ```ts
   * stage.workdir('/app') // WORKDIR /app
   * ```
   */
  workdir<const P extends string>(
    path: P & CheckVars<P, V | StageBuiltins>,
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * COPY. A source is a file name (`[`, `*` and `?` included; `glob()` for a pattern); sources
   * with spaces switch to the JSON form; `from` takes only an earlier stage or `image()`.
   *
   * @example
   * ```ts
   * stage.copy(['package.json', 'package-lock.json'], './')  // COPY package.json package-lock.json ./
   * stage.copy('/app/dist', '/srv/', { from: 'build', chown: 'node:node', link: true })
   * // COPY --from=build --chown=node:node --link /app/dist /srv/
   * stage.copy('my file.txt', '/app/') // COPY ["my file.txt", "/app/"]
   * ```
   */
  copy<
    const Src extends Sources,
    const D extends string,
    const F extends FromSource<string> = never,
  >(
    sources: Src & CheckVars<SourceStrings<Src>, V | StageBuiltins> & SourceCheck<Src>,
    destination: D & CheckVars<D, V | StageBuiltins>,
    options?: Without<CopyOptions<S>, 'from'> & { readonly from?: F & FromCheck<F, S, C> },
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * ADD, with `checksum`, `keepGitDir`, `unpack` and the shared COPY flags.
   *
   * @example
   * ```ts
   * stage.add('https://example.com/a.tar.gz', '/opt/', { checksum: 'sha256:24454f…', unpack: true })
   * // ADD --checksum=sha256:24454f… --unpack=true https://example.com/a.tar.gz /opt/
   * ```
   */
  add<const Src extends Sources, const D extends string>(
    sources: Src & CheckVars<SourceStrings<Src>, V | StageBuiltins> & SourceCheck<Src>,
    destination: D & CheckVars<D, V | StageBuiltins>,
    options?: AddOptions,
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * RUN: a string (shell form), an array (exec form), `commands(…)` (joined with ` && ` over
   * continuation lines) or `heredoc(…)`; mounts and flags in the options.
   *
   * @example
   * ```ts
   * stage.run('npm ci', { mounts: [{ type: 'cache', target: '/root/.npm' }] })
   * // RUN --mount=type=cache,target=/root/.npm npm ci
   * stage.run(commands('apt-get update', 'apt-get install -y curl'))
   * // RUN apt-get update \
   * //     && apt-get install -y curl
   * stage.run(['npm', 'ci']) // RUN ["npm", "ci"]
   * ```
   */
  run<const M extends readonly Mount<string>[] = []>(
    command: string | readonly string[] | CommandList | HeredocSource,
    options?: Without<RunOptions<Named<S>>, 'mounts'> & {
      readonly mounts?: M & CheckMounts<M, Named<S>, C>;
    },
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * EXPOSE ports: numbers, `'53/udp'`, ranges; 0-65535.
   *
   * @example
   * ```ts
   * stage.expose(8080, '53/udp', '8000-8010') // EXPOSE 8080 53/udp 8000-8010
   * ```
   */
  expose(...ports: readonly Port[]): DockerfileStage<S, C, G, V, N>;
  /**
   * USER, optionally with a group.
   *
   * @example
   * ```ts
   * stage.user('node')          // USER node
   * stage.user('1000', '1000')  // USER 1000:1000
   * ```
   */
  user<const U extends string, const P extends string = never>(
    user: U & CheckVars<U, V | StageBuiltins>,
    group?: P & CheckVars<P, V | StageBuiltins>,
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * VOLUME. Paths keep their edge spaces (quoted, since BuildKit trims each path).
   *
   * @example
   * ```ts
   * stage.volume('/data') // VOLUME /data
   * ```
   */
  volume<const P extends string>(
    ...paths: readonly (P & CheckVars<P, V | StageBuiltins>)[]
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * HEALTHCHECK: an array (exec form), a string (shell form), or `false` for `HEALTHCHECK NONE`.
   *
   * @example
   * ```ts
   * stage.healthcheck(['curl', '-f', 'http://localhost/'], { interval: '30s', retries: 3 })
   * // HEALTHCHECK --interval=30s --retries=3 CMD ["curl", "-f", "http://localhost/"]
   * ```
   */
  healthcheck(
    command: readonly string[] | string | false,
    options?: HealthcheckOptions,
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * SHELL (exec form only).
   *
   * @example
   * ```ts
   * stage.shell(['/bin/bash', '-o', 'pipefail', '-c']) // SHELL ["/bin/bash", "-o", "pipefail", "-c"]
   * ```
   */
  shell(args: readonly [string, ...string[]]): DockerfileStage<S, C, G, V, N>;
  /**
   * STOPSIGNAL: a signal name Docker knows (`SIGTERM`, `TERM`, `SIGRTMIN+3`) or a number 1-64.
   *
   * @example
   * ```ts
   * stage.stopsignal('SIGTERM') // STOPSIGNAL SIGTERM
   * ```
   */
  stopsignal<const T extends string | number>(
    signal: T & (T extends string ? CheckVars<T, V | StageBuiltins> : unknown),
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * ONBUILD: the fragment adds the one trigger instruction.
   *
   * @example
   * ```ts
   * stage.onbuild((b) => b.run('npm ci')) // ONBUILD RUN npm ci
   * ```
   */
  onbuild(
    fragment: (builder: DockerfileStage<S, C, G, V, N>) => DockerfileStage<S, C, G, V, N>,
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * ENTRYPOINT: exec form by default; a string needs `{ shell: true }`.
   *
   * @example
   * ```ts
   * stage.entrypoint(['docker-entrypoint.sh']) // ENTRYPOINT ["docker-entrypoint.sh"]
   * ```
   */
  entrypoint<
    const T extends string | readonly string[],
    const O extends { readonly shell?: boolean } = { readonly shell?: false },
  >(command: T & CommandForm<T, O>, options?: O): DockerfileStage<S, C, G, V, N>;
  /**
   * CMD: exec form by default; a string needs `{ shell: true }`.
   *
   * @example
   * ```ts
   * stage.cmd(['node', 'server.js'])        // CMD ["node", "server.js"]
   * stage.cmd('npm start', { shell: true })  // CMD npm start
   * ```
   */
  cmd<
    const T extends string | readonly string[],
    const O extends { readonly shell?: boolean } = { readonly shell?: false },
  >(command: T & CommandForm<T, O>, options?: O): DockerfileStage<S, C, G, V, N>;
  /**
   * A comment line.
   *
   * @example
   * ```ts
   * stage.comment('install dependencies first') // # install dependencies first
   * ```
   */
  comment(text: string): DockerfileStage<S, C, G, V, N>;
  /**
   * Applies a reusable fragment: `(builder) => builder`.
   *
   * @example
   * ```ts
   * const nonRoot = <B extends AnyStage>(b: B) => b.user('node');
   * stage.with(nonRoot) // USER node
   * ```
   */
  with<R>(fragment: (builder: this) => R): R;
  /**
   * Replaces or removes nodes with `@dockwright/ast`'s `transform`; untouched lines print as they
   * were. The callback must return a node, an array of nodes, `null` or `undefined`.
   *
   * @example
   * ```ts
   * edit('FROM node:20\nRUN npm i\n').transform((n) => n.type === 'instruction' && n.keyword === 'RUN' ? null : undefined)
   * // FROM node:20
   * ```
   */
  transform(fn: TransformFn): DockerfileStage<S, C, G, V, N>;
  /**
   * Changes the image of a stage's FROM (the stage by name, or by index), keeping the rest of
   * its line as written. For files loaded with `edit()`; every other byte prints as it was.
   *
   * @example
   * ```ts
   * edit('FROM  node:20  AS build\n').setBase('build', 'node:22-slim') // FROM  node:22-slim  AS build
   * ```
   */
  setBase<const I extends string>(
    stage: S | C | number,
    image: I & CheckVars<I, G | PlatformArgs>,
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * Changes only the tag of a stage's image (refused for an image pinned by digest).
   *
   * @example
   * ```ts
   * edit('FROM node:20-slim AS build\n').setTag('build', '22-slim') // FROM node:22-slim AS build
   * ```
   */
  setTag(stage: S | C | number, tag: string): DockerfileStage<S, C, G, V, N>;
  /**
   * Inserts, before each instruction `where` picks, what `fragment` builds; the fragment's
   * builder knows what the file declares up to there.
   *
   * @example
   * ```ts
   * edit(text).insertBefore((n) => n.keyword === 'CMD', (b) => b.user('node'))
   * ```
   */
  insertBefore(
    where: NodeMatch,
    fragment: (builder: AnyStage) => AnyStage,
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * Inserts, after each instruction `where` picks, what `fragment` builds.
   *
   * @example
   * ```ts
   * edit(text).insertAfter((n, at) => n.keyword === 'FROM' && at.stage === 'runtime', (b) => b.label('team', 'web'))
   * ```
   */
  insertAfter(
    where: NodeMatch,
    fragment: (builder: AnyStage) => AnyStage,
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * Replaces each instruction `where` picks with what `fragment` builds (given the builder and
   * the node it replaces).
   *
   * @example
   * ```ts
   * edit(text).replace((n) => n.keyword === 'CMD', (b) => b.cmd(['node', 'server.js']))
   * ```
   */
  replace(
    where: NodeMatch,
    fragment: (builder: AnyStage, node: InstructionNode) => AnyStage,
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * Removes each instruction `where` picks; its blank lines move to the next node.
   *
   * @example
   * ```ts
   * edit(text).remove((n) => n.keyword === 'MAINTAINER')
   * ```
   */
  remove(where: NodeMatch): DockerfileStage<S, C, G, V, N>;
  /**
   * Adds a LABEL to a stage: at its end, or right after its FROM with `{ at: 'start' }`.
   *
   * @example
   * ```ts
   * edit(text).addLabel('runtime', 'org.opencontainers.image.source', 'https://example.com/app')
   * ```
   */
  addLabel(
    stage: S | C | number,
    key: string,
    value: string,
    options?: { readonly at?: 'start' | 'end' },
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * Adds an ENV to a stage: at its end, or right after its FROM with `{ at: 'start' }` (so
   * every RUN of the stage sees it). Its value is checked against what the stage declares there.
   *
   * @example
   * ```ts
   * edit(text).addEnv('runtime', 'NODE_ENV', 'production', { at: 'start' })
   * ```
   */
  addEnv(
    stage: S | C | number,
    key: string,
    value: string,
    options?: { readonly at?: 'start' | 'end' },
  ): DockerfileStage<S, C, G, V, N>;
  /**
   * The tree (with a syntax directive when a feature needs one).
   *
   * @example
   * ```ts
   * stage.toAst().children.length
   * ```
   */
  toAst(): DockerfileNode;
  /**
   * The Dockerfile text.
   *
   * @example
   * ```ts
   * dockerfile().from('alpine:3.20').run('echo hi').toString() // 'FROM alpine:3.20\nRUN echo hi\n'
   * ```
   */
  toString(): string;
}

/** Any stage builder, for typing fragments. */
// biome-ignore lint/suspicious/noExplicitAny: a fragment accepts a stage of any type state
export type AnyStage = DockerfileStage<any, any, any, any, any>;

/**
 * Starts a Dockerfile.
 *
 * @example
 * ```ts
 * dockerfile()
 *   .from('node:22-slim')
 *   .workdir('/app')
 *   .copy('.', '.')
 *   .cmd(['node', 'server.js'])
 *   .toString();
 * // FROM node:22-slim
 * // WORKDIR /app
 * // COPY . .
 * // CMD ["node", "server.js"]
 * ```
 */
export function dockerfile(options?: DockerfileOptions): DockerfilePreamble {
  const opts = readOptions('dockerfile', options);
  const frontend = readOptionalString('dockerfile', 'options.frontend', opts.frontend);
  return builderOf(
    initialProps((frontend ?? null) as FrontendVersion | null, '\\'),
  ) as unknown as DockerfilePreamble;
}

export function initialProps(frontend: FrontendVersion | null, esc: EscapeChar) {
  return {
    list: null,
    esc,
    stageList: [],
    inStage: false,
    globals: [],
    vars: null,
    need: { minor: 0, labs: false },
    cap: frontend === null ? null : parseFrontend(frontend),
    syntax: null,
    syntaxCap: null,
    base: null,
    eol: '\n' as const,
  };
}
