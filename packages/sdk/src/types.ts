/**
 * Option types. Strings in positions BuildKit expands are checked at compile time for the
 * variables they reference (see {@link CheckVars}).
 */

/** A branded compile error: a bad call shows this message (Kysely's `KyselyTypeError`). */
export interface DockerfileTypeError<Message extends string> {
  readonly __dockerfileTypeError: Message;
}

/** The name in a `${…}` body: `NAME` of `NAME:-default`, `NAME#glob`, `NAME/a/b`. */
type RefName<B extends string> = B extends `${infer N}:${string}`
  ? RefName<N>
  : B extends `${infer N}-${string}`
    ? RefName<N>
    : B extends `${infer N}+${string}`
      ? RefName<N>
      : B extends `${infer N}?${string}`
        ? RefName<N>
        : B extends `${infer N}#${string}`
          ? RefName<N>
          : B extends `${infer N}%${string}`
            ? RefName<N>
            : B extends `${infer N}/${string}`
              ? RefName<N>
              : B;

/** A lower-case ASCII letter. */
export type LowerLetter =
  | 'a'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'f'
  | 'g'
  | 'h'
  | 'i'
  | 'j'
  | 'k'
  | 'l'
  | 'm'
  | 'n'
  | 'o'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'v'
  | 'w'
  | 'x'
  | 'y'
  | 'z';

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

type NameChar = LowerLetter | Uppercase<LowerLetter> | '_' | Digit;

/** What may follow `$` to make a reference BuildKit expands (the builder escapes any other `$`). */
type NameStart = Exclude<NameChar, Digit>;

/** The leading name characters of a `$NAME` reference. */
type LeadingName<S extends string, Acc extends string = ''> = S extends `${infer C}${infer R}`
  ? C extends NameChar
    ? LeadingName<R, `${Acc}${C}`>
    : Acc
  : Acc;

/** The variables a string literal references: `${A}`, `${B:-x}`, `$C`. */
export type VarsIn<S extends string> = string extends S
  ? never
  : S extends `${string}$${infer R}`
    ? R extends `{${infer Body}}${infer Rest}`
      ? RefName<Body> | VarsIn<Rest>
      : R extends `${infer First}${string}`
        ? First extends NameStart
          ? LeadingName<R> | VarsIn<R>
          : VarsIn<R>
        : never
    : never;

/**
 * `unknown` when every variable `S` references is in `Allowed`, else a branded error; used as
 * `value: S & CheckVars<S, Allowed>`. A `literal()` is never expanded; a string that is not a
 * literal type (`string`) is checked at run time, by the same rule.
 */
export type CheckVars<S extends string, Allowed extends string> = [S] extends [Literal]
  ? unknown
  : [Exclude<VarsIn<S>, Allowed>] extends [never]
    ? unknown
    : DockerfileTypeError<`undeclared variable: ${Exclude<VarsIn<S>, Allowed> & string} (declare it with arg() or env() first, or pass literal('…') to keep the "$")`>;

/** ARGs BuildKit defines in the global scope (FROM may use them without an ARG). */
export type PlatformArgs =
  | 'TARGETPLATFORM'
  | 'TARGETOS'
  | 'TARGETARCH'
  | 'TARGETVARIANT'
  | 'BUILDPLATFORM'
  | 'BUILDOS'
  | 'BUILDARCH'
  | 'BUILDVARIANT';

/** Variables every stage may use without declaring them: the proxy ARGs, and PATH from the image. */
export type StageBuiltins =
  | 'PATH'
  | 'HTTP_PROXY'
  | 'http_proxy'
  | 'HTTPS_PROXY'
  | 'https_proxy'
  | 'FTP_PROXY'
  | 'ftp_proxy'
  | 'NO_PROXY'
  | 'no_proxy'
  | 'ALL_PROXY'
  | 'all_proxy';

/** The units of a Go duration. */
export type DurationUnit = 'ns' | 'us' | 'µs' | 'ms' | 's' | 'm' | 'h';
/**
 * A decimal in a duration: `30`, `1.5`. `${bigint}` rather than `${number}`, which also takes
 * `'30 '`, `'1e3'` and `'Infinity'` (a negative or hex number still compiles and is refused at
 * run time).
 */
type DurationNumber = `${bigint}` | `${bigint}.${bigint}`;
type DurationPart = `${DurationNumber}${DurationUnit}`;
/** A Go duration as HEALTHCHECK takes it: `'30s'`, `'1.5s'`, `'1m30s'`, `'500ms'`. */
export type Duration = DurationPart | `${DurationPart}${DurationPart}`;

export type Protocol = 'tcp' | 'udp' | 'sctp';
/** An EXPOSE port: `8080`, `'53/udp'`, `'8000-8010'`, `'8000-8010/tcp'`, or a variable. */
export type Port =
  | number
  | `${number}`
  | `${number}/${Protocol}`
  | `${number}-${number}`
  | `${number}-${number}/${Protocol}`
  | `\${${string}}`
  | `\${${string}}/${Protocol}`;

export type PlatformOs = 'linux' | 'windows' | 'darwin' | 'freebsd';
export type PlatformArch =
  | 'amd64'
  | 'arm64'
  | 'arm'
  | '386'
  | 'ppc64le'
  | 's390x'
  | 'riscv64'
  | 'mips64le';
/** `linux/amd64`, `linux/arm/v7`, or a variable such as `$BUILDPLATFORM`. */
export type Platform =
  | `${PlatformOs}/${PlatformArch}`
  | `${PlatformOs}/${PlatformArch}/${string}`
  | `$${PlatformArgs}`
  | `\${${PlatformArgs}}`;

/** An explicit image reference, for `--from` and mount `from` (see {@link image}). */
export interface ImageRef {
  readonly kind: 'image';
  readonly name: string;
}

/**
 * A stage defined earlier, as `from` returns it (`builder.stage`): by its name, or by its index
 * (`'0'`) when it has none (only `COPY --from` can use an index: BuildKit finds FROM and mount
 * sources by name).
 */
export interface StageRef<Name extends string> {
  readonly kind: 'stage';
  readonly name: Name;
}

/** What `--from` and mount `from` take: an earlier stage (by name or handle) or an explicit image. */
export type FromSource<Stages extends string> = Stages | StageRef<Stages> | ImageRef;

/** The named stages of `S` (an unnamed stage is known by its index, `'0'`). */
export type Named<S extends string> = Exclude<S, `${number}`>;

/** `unknown` when `--from` names stage `N` of `S` (not `C`, the current one), else an error. */
type StageCheck<N extends string, S extends string, C extends string> = string extends S
  ? unknown
  : [N] extends [S]
    ? unknown
    : [N] extends [C]
      ? DockerfileTypeError<`a stage cannot copy from itself: ${N}`>
      : N extends `${number}`
        ? DockerfileTypeError<`no stage ${N} is defined before this one`>
        : DockerfileTypeError<`no stage named "${N}" is defined before this one: define it earlier, or use image('${N}') for an image`>;

/**
 * Checks a `from` option (`F`) against the stages defined before this one (`S`) and the current
 * one (`C`): `unknown` when it is fine, else an error naming the stage. Used as
 * `from?: F & FromCheck<F, S, C>`.
 */
export type FromCheck<F, S extends string, C extends string> = F extends ImageRef
  ? unknown
  : F extends StageRef<infer N>
    ? StageCheck<N, S, C>
    : F extends string
      ? StageCheck<F, S, C>
      : unknown;

declare const literalBrand: unique symbol;
/**
 * A string BuildKit must not expand: every `$` in it is a dollar sign. Made by `literal()`;
 * accepted wherever a string is.
 */
export type Literal = string & { readonly [literalBrand]: true };

/** A file mode: a number (written in octal) or a string (`'0755'`, `'u=rwX,go=rX'`). */
export type FileMode = number | string;

export interface BindMount<Stages extends string = never> {
  readonly type: 'bind';
  readonly target: string;
  readonly source?: string;
  readonly from?: FromSource<Stages>;
  /** Bind mounts are read-only by default. */
  readonly readwrite?: boolean;
}
export interface CacheMount<Stages extends string = never> {
  readonly type: 'cache';
  readonly target: string;
  readonly id?: string;
  readonly sharing?: 'shared' | 'private' | 'locked';
  readonly from?: FromSource<Stages>;
  readonly source?: string;
  readonly mode?: FileMode;
  readonly uid?: number;
  readonly gid?: number;
  readonly readonly?: boolean;
}
export interface TmpfsMount {
  readonly type: 'tmpfs';
  readonly target: string;
  /** Bytes, or a size with a unit: `'64m'`. */
  readonly size?: number | `${number}${'k' | 'm' | 'g' | 'K' | 'M' | 'G'}`;
}
export interface SecretMount {
  readonly type: 'secret';
  readonly id?: string;
  readonly target?: string;
  /** Expose the secret as this environment variable (frontend 1.10). */
  readonly env?: string;
  readonly required?: boolean;
  readonly mode?: FileMode;
  readonly uid?: number;
  readonly gid?: number;
}
export interface SshMount {
  readonly type: 'ssh';
  readonly id?: string;
  readonly target?: string;
  readonly required?: boolean;
  readonly mode?: FileMode;
  readonly uid?: number;
  readonly gid?: number;
}
/** A `RUN --mount`, discriminated by `type`. */
export type Mount<Stages extends string = never> =
  | BindMount<Stages>
  | CacheMount<Stages>
  | TmpfsMount
  | SecretMount
  | SshMount;

/**
 * The mounts of a `run()` call checked for their `from` (a named stage defined before this one,
 * `S`, not the current one, `C`): each is `unknown` or an error naming the stage.
 */
export type CheckMounts<M extends readonly unknown[], S extends string, C extends string> = {
  readonly [K in keyof M]: M[K] extends { readonly type: infer T extends keyof MountKeys }
    ? [Exclude<keyof M[K], MountKeys[T]>] extends [never]
      ? MountFromCheck<M[K], S, C>
      : DockerfileTypeError<`a ${T} mount has no ${Exclude<keyof M[K], MountKeys[T]> & string}`>
    : unknown;
};

interface MountKeys {
  bind: keyof BindMount;
  cache: keyof CacheMount;
  tmpfs: keyof TmpfsMount;
  secret: keyof SecretMount;
  ssh: keyof SshMount;
}

type MountFromCheck<M, S extends string, C extends string> = M extends { readonly from: infer F }
  ? F extends StageRef<`${number}`> | `${number}`
    ? DockerfileTypeError<'a mount cannot use an unnamed stage (BuildKit finds mount sources by name): name it with from(…, { as })'>
    : FromCheck<F, S, C>
  : unknown;

export interface RunOptions<Stages extends string = never> {
  readonly mounts?: readonly Mount<Stages>[];
  readonly network?: 'default' | 'none' | 'host';
  readonly security?: 'sandbox' | 'insecure';
  /** CDI devices (labs frontend): `'vendor.com/gpu=all'` or `{ name, required }`. */
  readonly devices?: readonly (string | { readonly name: string; readonly required?: boolean })[];
}

interface CopyAddCommon {
  /** `user[:group]`. */
  readonly chown?: string;
  readonly chmod?: FileMode;
  readonly link?: boolean;
  readonly exclude?: string | readonly string[];
}
export interface CopyOptions<Stages extends string = never> extends CopyAddCommon {
  readonly from?: FromSource<Stages>;
  readonly parents?: boolean;
}
export interface AddOptions extends CopyAddCommon {
  /** `sha256:<hex>` for an HTTP source, a commit for a Git source. */
  readonly checksum?: string;
  readonly keepGitDir?: boolean;
  readonly unpack?: boolean;
}

export interface HealthcheckOptions {
  readonly interval?: Duration;
  readonly timeout?: Duration;
  readonly startPeriod?: Duration;
  readonly startInterval?: Duration;
  readonly retries?: number;
}

/** A heredoc source for RUN or COPY, made by {@link heredoc}. */
export interface HeredocSource {
  readonly kind: 'heredoc';
  readonly content: string;
  /** Quoted delimiter (`<<'EOF'`): BuildKit does not expand variables in the body. */
  readonly quoted: boolean | null;
  /** RUN only: the program the body is fed to (`python3`). */
  readonly command: string | null;
  /** The preferred delimiter; another is chosen when the body holds it as a line. */
  readonly name: string;
}
