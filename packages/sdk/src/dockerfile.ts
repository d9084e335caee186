import type { DockerfileNode, EscapeChar, TransformFn } from '@dockwright/ast';
import type { ArgRefName } from './arg.js';
import { builderOf } from './builder.js';
import type { CommandList } from './commands.js';
import { type FrontendVersion, parseFrontend } from './frontend.js';
import type {
  AddOptions,
  CheckVars,
  CopyOptions,
  DockerfileTypeError,
  HealthcheckOptions,
  HeredocSource,
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
type Sources = string | HeredocSource | readonly (string | HeredocSource)[];

type StageNameCheck<A extends string, Taken extends string> = [A] extends [never]
  ? unknown
  : A extends Taken
    ? DockerfileTypeError<`duplicate stage name: ${A}`>
    : A extends Lowercase<A>
      ? unknown
      : DockerfileTypeError<`stage names are lower-case: ${A}`>;

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
  arg<const N extends string>(
    name: N,
    defaultValue?: string,
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
   * Starts the first stage. The image may use global ARGs and BuildKit's platform ARGs.
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
  ): DockerfileStage<never, A, G, never>;
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
 * A Dockerfile inside a stage. `S`: stages defined before this one (what `--from` may name);
 * `C`: this stage's name; `G`: global ARGs; `V`: variables this stage may expand (its ARGs and ENVs).
 */
export interface DockerfileStage<
  S extends string,
  C extends string,
  G extends string,
  V extends string,
> {
  /**
   * A handle on this stage for `copy(…, { from })` and mounts in later stages.
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
    image: (I & CheckVars<I, G | PlatformArgs>) | StageRef<S | C>,
    options?: FromOptions<A> & { readonly as?: A & StageNameCheck<A, S | C> },
  ): DockerfileStage<S | C, A, G, never>;
  /**
   * Declares an ARG in the stage (a global one must be re-declared, without a default, to be used).
   *
   * @example
   * ```ts
   * stage.arg('NODE_ENV', 'production') // ARG NODE_ENV=production
   * ```
   */
  arg<const N extends string>(
    name: N,
    defaultValue?: string,
  ): DockerfileStage<S, C, G, V | DeclaredName<N>>;
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
    key: K,
    value: T & CheckVars<T, V | StageBuiltins>,
  ): DockerfileStage<S, C, G, V | K>;
  env<const R extends Readonly<Record<string, string>>>(
    pairs: R,
  ): DockerfileStage<S, C, G, V | (keyof R & string)>;
  /**
   * Adds image labels.
   *
   * @example
   * ```ts
   * stage.label('org.opencontainers.image.title', 'My app')
   * // LABEL org.opencontainers.image.title="My app"
   * ```
   */
  label<const T extends string>(
    key: string,
    value: T & CheckVars<T, V | StageBuiltins>,
  ): DockerfileStage<S, C, G, V>;
  label(pairs: Readonly<Record<string, string>>): DockerfileStage<S, C, G, V>;
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
  ): DockerfileStage<S, C, G, V>;
  /**
   * COPY. Sources with spaces switch to the JSON form; `from` takes only an earlier stage or `image()`.
   *
   * @example
   * ```ts
   * stage.copy(['package.json', 'package-lock.json'], './')  // COPY package.json package-lock.json ./
   * stage.copy('/app/dist', '/srv/', { from: 'build', chown: 'node:node', link: true })
   * // COPY --from=build --chown=node:node --link /app/dist /srv/
   * stage.copy('my file.txt', '/app/') // COPY ["my file.txt", "/app/"]
   * ```
   */
  copy<const Src extends Sources, const D extends string>(
    sources: Src & CheckVars<SourceStrings<Src>, V | StageBuiltins>,
    destination: D & CheckVars<D, V | StageBuiltins>,
    options?: CopyOptions<S>,
  ): DockerfileStage<S, C, G, V>;
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
    sources: Src & CheckVars<SourceStrings<Src>, V | StageBuiltins>,
    destination: D & CheckVars<D, V | StageBuiltins>,
    options?: AddOptions,
  ): DockerfileStage<S, C, G, V>;
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
  run(
    command: string | readonly string[] | CommandList | HeredocSource,
    options?: RunOptions<S>,
  ): DockerfileStage<S, C, G, V>;
  /**
   * EXPOSE ports: numbers, `'53/udp'`, ranges; 0-65535.
   *
   * @example
   * ```ts
   * stage.expose(8080, '53/udp', '8000-8010') // EXPOSE 8080 53/udp 8000-8010
   * ```
   */
  expose(...ports: readonly Port[]): DockerfileStage<S, C, G, V>;
  /**
   * USER, optionally with a group.
   *
   * @example
   * ```ts
   * stage.user('node')          // USER node
   * stage.user('1000', '1000')  // USER 1000:1000
   * ```
   */
  user<const U extends string>(
    user: U & CheckVars<U, V | StageBuiltins>,
    group?: string,
  ): DockerfileStage<S, C, G, V>;
  /**
   * VOLUME.
   *
   * @example
   * ```ts
   * stage.volume('/data') // VOLUME /data
   * ```
   */
  volume(...paths: readonly string[]): DockerfileStage<S, C, G, V>;
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
  ): DockerfileStage<S, C, G, V>;
  /**
   * SHELL (exec form only).
   *
   * @example
   * ```ts
   * stage.shell(['/bin/bash', '-o', 'pipefail', '-c']) // SHELL ["/bin/bash", "-o", "pipefail", "-c"]
   * ```
   */
  shell(args: readonly [string, ...string[]]): DockerfileStage<S, C, G, V>;
  /**
   * STOPSIGNAL.
   *
   * @example
   * ```ts
   * stage.stopsignal('SIGTERM') // STOPSIGNAL SIGTERM
   * ```
   */
  stopsignal(signal: string | number): DockerfileStage<S, C, G, V>;
  /**
   * ONBUILD: the fragment adds the one trigger instruction.
   *
   * @example
   * ```ts
   * stage.onbuild((b) => b.run('npm ci')) // ONBUILD RUN npm ci
   * ```
   */
  onbuild(
    fragment: (builder: DockerfileStage<S, C, G, V>) => DockerfileStage<S, C, G, V>,
  ): DockerfileStage<S, C, G, V>;
  /**
   * ENTRYPOINT: exec form by default; a string needs `{ shell: true }`.
   *
   * @example
   * ```ts
   * stage.entrypoint(['docker-entrypoint.sh']) // ENTRYPOINT ["docker-entrypoint.sh"]
   * ```
   */
  entrypoint(command: readonly string[]): DockerfileStage<S, C, G, V>;
  entrypoint(command: string, options: { readonly shell: true }): DockerfileStage<S, C, G, V>;
  /**
   * CMD: exec form by default; a string needs `{ shell: true }`.
   *
   * @example
   * ```ts
   * stage.cmd(['node', 'server.js'])        // CMD ["node", "server.js"]
   * stage.cmd('npm start', { shell: true })  // CMD npm start
   * ```
   */
  cmd(command: readonly string[]): DockerfileStage<S, C, G, V>;
  cmd(command: string, options: { readonly shell: true }): DockerfileStage<S, C, G, V>;
  /**
   * A comment line.
   *
   * @example
   * ```ts
   * stage.comment('install dependencies first') // # install dependencies first
   * ```
   */
  comment(text: string): DockerfileStage<S, C, G, V>;
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
   * Replaces or removes nodes with `@dockwright/ast`'s `transform`; untouched lines print as they were.
   *
   * @example
   * ```ts
   * edit('FROM node:20\nRUN npm i\n').transform((n) => n.type === 'instruction' && n.keyword === 'RUN' ? null : undefined)
   * // FROM node:20
   * ```
   */
  transform(fn: TransformFn): DockerfileStage<S, C, G, V>;
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
export type AnyStage = DockerfileStage<any, any, any, any>;

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
export function dockerfile(options: DockerfileOptions = {}): DockerfilePreamble {
  return builderOf(
    initialProps(options.frontend === undefined ? null : options.frontend, '\\'),
  ) as unknown as DockerfilePreamble;
}

export function initialProps(frontend: FrontendVersion | null, esc: EscapeChar) {
  return {
    list: null,
    esc,
    stages: [],
    current: null,
    inStage: false,
    globals: [],
    need: { minor: 0, labs: false },
    cap: frontend === null ? null : parseFrontend(frontend),
    syntax: null,
    syntaxCap: null,
    base: null,
    eol: '\n' as const,
  };
}
