/**
 * The type state `edit()` gives a Dockerfile written as a string literal: its stages, global
 * ARGs and the last stage's ARGs and ENVs, read by the type checker the way `dockerfile()`
 * would have recorded them, so the same calls compile (and the same mistakes do not). A text
 * the checker cannot read simply (not a literal, line continuations, heredocs, `# escape=`,
 * more than 300 lines) gets a state that checks nothing at compile time: the builder checks it at run
 * time, by the same rules.
 */
import type { DeclaredName, DockerfilePreamble, DockerfileStage } from './dockerfile.js';

/** What `edit()` returns for a text the type checker does not read. */
export type EditedUnknown = DockerfileStage<string, string, string, string>;

type Space = ' ' | '\t';

type TrimStart<S extends string> = S extends `${Space}${infer R}` ? TrimStart<R> : S;
type TrimEnd<S extends string> = S extends `${infer R}${Space | '\r'}` ? TrimEnd<R> : S;

/** The lines of `S`, or `null` past `Max` lines (a bound on the checker's recursion). */
type Lines<
  S extends string,
  Acc extends string[] = [],
  Max extends number = 300,
> = Acc['length'] extends Max
  ? null
  : S extends `${infer L}\n${infer R}`
    ? Lines<R, [...Acc, TrimEnd<TrimStart<L>>], Max>
    : [...Acc, TrimEnd<TrimStart<S>>];

/** Space-separated words (empty ones dropped). */
type Words<S extends string, Acc extends string[] = []> = S extends `${infer W}${Space}${infer R}`
  ? Words<TrimStart<R>, W extends '' ? Acc : [...Acc, W]>
  : S extends ''
    ? Acc
    : [...Acc, S];

/** The words after a keyword, flags (`--platform=…`) dropped. */
type Args<W extends string[]> = W extends [`--${string}`, ...infer R extends string[]]
  ? Args<R>
  : W;

/** The names an ARG or ENV line declares: `NAME`, `NAME=value`. */
type Declared<W extends string[], Env extends boolean> = W extends [
  infer First extends string,
  ...infer Rest extends string[],
]
  ? First extends `${infer K}=${string}`
    ? K | Declared<Rest, Env>
    : Env extends true
      ? First // the legacy `ENV KEY value`
      : First | Declared<Rest, Env>
  : never;

/** [stages before the current one, current stage, globals, the stage's variables, stage count]. */
type State = [string, string, string, string, unknown[]];
type Start = [never, never, never, never, []];

/** One line's effect on the state (`Lines` already trimmed it). */
type Step<St extends State, L extends string> =
  Uppercase<L> extends `FROM${Space}${string}`
    ? FromStep<St, Args<Words<L>> extends [string, ...infer A extends string[]] ? A : []>
    : Uppercase<L> extends `ARG${Space}${string}`
      ? Words<L> extends [string, ...infer A extends string[]]
        ? St[4]['length'] extends 0
          ? [St[0], St[1], St[2] | Declared<A, false>, St[3], St[4]]
          : [St[0], St[1], St[2], St[3] | DeclaredName<Declared<A, false>>, St[4]]
        : St
      : Uppercase<L> extends `ENV${Space}${string}`
        ? Words<L> extends [string, ...infer A extends string[]]
          ? [St[0], St[1], St[2], St[3] | Declared<A, true>, St[4]]
          : St
        : St;

type FromStep<St extends State, A extends string[]> = [
  St[0] | St[1],
  A extends [string, infer As extends string, infer Name extends string]
    ? Uppercase<As> extends 'AS'
      ? Lowercase<Name>
      : `${St[4]['length']}`
    : `${St[4]['length']}`,
  St[2],
  never,
  [...St[4], unknown],
];

type Fold<St extends State, L extends string[]> = L extends [
  infer Head extends string,
  ...infer Rest extends string[],
]
  ? Fold<Step<St, Head>, Rest>
  : St;

/**
 * Texts the type checker leaves to the run-time checks: continuation lines, another escape
 * char, and heredocs (a body line such as `FROM x AS y` is not an instruction).
 */
type Unreadable<T extends string> = T extends
  | `${string}<<${string}`
  | `${string}\\\n${string}`
  | `${string}\\\r\n${string}`
  | `${string}# escape${string}`
  | `${string}#escape${string}`
  ? true
  : false;

/**
 * The builder `edit()` returns for `T`: a stage with the file's stages and variables, a
 * preamble when the file has no FROM, or {@link EditedUnknown}.
 */
export type Edited<T extends string> =
  Record<never, never> extends Record<T, 1>
    ? EditedUnknown // `string`, or a template type with holes: not a text the checker can read
    : Unreadable<T> extends true
      ? EditedUnknown
      : Lines<T> extends infer L extends string[]
        ? Fold<Start, L> extends [
            infer S extends string,
            infer C extends string,
            infer G extends string,
            infer V extends string,
            infer N extends unknown[],
          ]
          ? N['length'] extends 0
            ? DockerfilePreamble<G>
            : DockerfileStage<S, C, G, V, N>
          : EditedUnknown
        : EditedUnknown;
