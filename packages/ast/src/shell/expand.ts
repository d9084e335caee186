import { type EnvLookup, type LexConfig, processWord } from './lex.js';

/**
 * The variables a word is expanded against: a plain object (own keys only) or a lookup function
 * returning `undefined` for an unset variable. Names are case-sensitive, as BuildKit on Unix.
 */
export type ExpandEnv = Readonly<Record<string, string>> | ((name: string) => string | undefined);

/** BuildKit's `shell.Lex` switches. All default to off; `escape` defaults to `\`. */
export interface ExpandOptions {
  /** The Dockerfile's escape char (`# escape=` directive). */
  readonly escape?: '\\' | '`' | undefined;
  /** Leave references to unset variables as written (`$X`, `${X:-d}`) instead of expanding them. */
  readonly skipUnsetEnv?: boolean | undefined;
  /** Keep the quote characters in the result (quotes still group and protect their text). */
  readonly rawQuotes?: boolean | undefined;
  /** Keep escape characters in the result (they still escape). */
  readonly rawEscapes?: boolean | undefined;
  /** Treat `'` and `"` as ordinary characters. */
  readonly skipProcessQuotes?: boolean | undefined;
}

/** BuildKit's `ProcessWordResult`. */
export interface ExpandResult {
  /** The expanded word (`ProcessWord`). */
  readonly result: string;
  /** The expanded word split on unquoted whitespace (`ProcessWords`). */
  readonly words: readonly string[];
  /** Names that were looked up and set, in the order first seen. */
  readonly matched: ReadonlySet<string>;
  /** Names that were looked up and unset, in the order first seen. */
  readonly unmatched: ReadonlySet<string>;
}

const BACKSLASH = 0x5c;

function lookupOf(env: ExpandEnv): EnvLookup {
  if (typeof env === 'function') return env;
  // Own keys only: `$constructor` must not find Object.prototype.constructor.
  return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
}

function configOf(options: ExpandOptions | undefined): LexConfig {
  return {
    escape: options?.escape ? options.escape.charCodeAt(0) : BACKSLASH,
    rawQuotes: options?.rawQuotes === true,
    rawEscapes: options?.rawEscapes === true,
    skipProcessQuotes: options?.skipProcessQuotes === true,
    skipUnsetEnv: options?.skipUnsetEnv === true,
  };
}

/**
 * Expands variables in one word the way BuildKit does for ENV, LABEL, COPY, WORKDIR, … (`shell.Lex`
 * `ProcessWord`): quotes are removed, the escape char escapes the next character, and `$v`,
 * `${v}`, `${v-w}`, `${v:-w}`, `${v+w}`, `${v:+w}`, `${v?m}`, `${v:?m}`, `${v#g}`, `${v##g}`,
 * `${v%g}`, `${v%%g}`, `${v/g/r}` and `${v//g/r}` are substituted. Throws `ExpansionError` with
 * BuildKit's message for a bad form, an unterminated quote or a failed `${v?m}`.
 *
 * @example
 * ```ts
 * expand('/opt/${APP:-demo}-$VERSION', { VERSION: '1.2' });  // '/opt/demo-1.2'
 * // for `WORKDIR /opt/${APP:-demo}-$VERSION` after `ARG VERSION=1.2`
 * expand('${TARGETARCH/amd64/x86_64}', { TARGETARCH: 'amd64' });  // 'x86_64'
 * ```
 */
export function expand(word: string, env: ExpandEnv, options?: ExpandOptions): string {
  return processWord(word, lookupOf(env), configOf(options), false, false).result;
}

/**
 * Expands a word and splits the result on whitespace that is neither quoted nor escaped, as
 * BuildKit's `ProcessWords` does for EXPOSE and heredoc detection. Splitting happens after
 * expansion, so a value with spaces becomes several words unless it is inside quotes; empty
 * words are dropped.
 *
 * @example
 * ```ts
 * expandWords('80/tcp $EXTRA "a b"', { EXTRA: '443 8443' });  // ['80/tcp', '443', '8443', 'a b']
 * // for `EXPOSE 80/tcp $EXTRA`
 * ```
 */
export function expandWords(word: string, env: ExpandEnv, options?: ExpandOptions): string[] {
  return processWord(word, lookupOf(env), configOf(options), true, false).words ?? [];
}

/**
 * Like `expand`, and also reports which variables the word referred to (BuildKit's
 * `ProcessWordWithMatches`): `matched` were set, `unmatched` were not. BuildKit expands the
 * word of a modifier before it looks at the variable, so in `${A:-$B}` B counts even when A is
 * set. The linter's UndefinedVar check reads `unmatched`.
 *
 * @example
 * ```ts
 * const r = expandWithMatches('${BASE:-alpine}:$TAG', { TAG: '3.20' });
 * // r.result === 'alpine:3.20'; [...r.matched] -> ['TAG']; [...r.unmatched] -> ['BASE']
 * // for `FROM ${BASE:-alpine}:$TAG`
 * ```
 */
export function expandWithMatches(
  word: string,
  env: ExpandEnv,
  options?: ExpandOptions,
): ExpandResult {
  const out = processWord(word, lookupOf(env), configOf(options), true, true);
  return {
    result: out.result,
    words: out.words ?? [],
    matched: out.matched ?? new Set(),
    unmatched: out.unmatched ?? new Set(),
  };
}
