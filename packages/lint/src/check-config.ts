import { goQuote } from '@dockwright/ast';

/** BuildKit's lint configuration (`# check=` directive, `BUILDKIT_DOCKERFILE_CHECK`). */
export interface CheckConfig {
  /** Rule names to skip; `all` skips every rule. */
  readonly skip: ReadonlySet<string>;
  readonly skipAll: boolean;
  /** Report warnings as errors. */
  readonly error: boolean | null;
  /** Experimental rules to enable; `all` enables every one. */
  readonly experimental: ReadonlySet<string>;
  readonly experimentalAll: boolean;
}

const NO_RULES: ReadonlySet<string> = new Set();

export const EMPTY_CHECK_CONFIG: CheckConfig = {
  skip: NO_RULES,
  skipAll: false,
  error: null,
  experimental: NO_RULES,
  experimentalAll: false,
};

/** Thrown for a malformed check value; BuildKit fails the build with the same words. */
export class CheckConfigError extends Error {
  override readonly name = 'CheckConfigError';
}

/**
 * Parses a check value: `skip=<Rule,Rule|all>;error=<bool>;experimental=<Rule,…|all>`, as
 * BuildKit's `linter.ParseLintOptions` does: the value is trimmed (empty means no
 * configuration), split on `;` into at most 3 parts (Go `strings.SplitN`, so a third part keeps
 * any further `;`), each part cut at its first `=`; keys are trimmed and case-sensitive.
 * Throws {@link CheckConfigError} with BuildKit's words: `invalid check option "bogus"` for a
 * part without `=` or an unknown key, `failed to parse check option "error=x": …` for a value
 * `strconv.ParseBool` rejects.
 *
 * @example
 * ```ts
 * parseCheckConfig('skip=JSONArgsRecommended,StageNameCasing;error=true').error // true
 * parseCheckConfig('skip=all;bogus') // throws CheckConfigError: invalid check option "bogus"
 * ```
 */
export function parseCheckConfig(value: string): CheckConfig {
  const trimmed = value.trim();
  if (trimmed === '') return EMPTY_CHECK_CONFIG;
  let skip = NO_RULES;
  let experimental = NO_RULES;
  let skipAll = false;
  let experimentalAll = false;
  let error: boolean | null = null;
  for (const part of splitN(trimmed, ';', 3)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new CheckConfigError(`invalid check option ${goQuote(part)}`);
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    switch (key) {
      // A later skip= or experimental= replaces the list, `all` stays set: BuildKit assigns.
      case 'skip':
        if (val === 'all') skipAll = true;
        else skip = new Set(val.split(',').map((r) => r.trim()));
        break;
      case 'experimental':
        if (val === 'all') experimentalAll = true;
        else experimental = new Set(val.split(',').map((r) => r.trim()));
        break;
      case 'error': {
        const b = parseGoBool(val);
        if (b === null) {
          throw new CheckConfigError(
            `failed to parse check option ${goQuote(part)}: strconv.ParseBool: parsing ${goQuote(val)}: invalid syntax`,
          );
        }
        error = b;
        break;
      }
      default:
        throw new CheckConfigError(`invalid check option ${goQuote(key)}`);
    }
  }
  return { skip, skipAll, error, experimental, experimentalAll };
}

/** Go `strings.SplitN`: at most `n` parts, the last one keeping the rest. */
function splitN(s: string, sep: string, n: number): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let at = s.indexOf(sep); at >= 0 && parts.length < n - 1; at = s.indexOf(sep, from)) {
    parts.push(s.slice(from, at));
    from = at + sep.length;
  }
  parts.push(s.slice(from));
  return parts;
}

/**
 * A `# check=…` comment directly above one instruction adds to the file's configuration for
 * that instruction only (BuildKit `WithMergedConfig`): its skip and experimental lists add to
 * the file's; its `error=` is not merged.
 */
export function mergeCheckConfig(base: CheckConfig, extra: CheckConfig): CheckConfig {
  return {
    skip: extra.skip.size === 0 ? base.skip : new Set([...base.skip, ...extra.skip]),
    skipAll: base.skipAll || extra.skipAll,
    error: base.error,
    experimental:
      extra.experimental.size === 0
        ? base.experimental
        : new Set([...base.experimental, ...extra.experimental]),
    experimentalAll: base.experimentalAll || extra.experimentalAll,
  };
}

/**
 * The value BuildKit takes from a `check` directive: up to the first space, so
 * `# check=skip=all // why` means `skip=all` (BuildKit's `parser.ParseDirective` and
 * `WithMergedConfigFromComments` cut the value there).
 */
export function directiveValue(value: string): string {
  const space = value.indexOf(' ');
  return space < 0 ? value : value.slice(0, space);
}

/**
 * A comment's text read as BuildKit's `DirectiveParser` reads a `check` directive (the name is
 * case-insensitive), or null when the comment is no `check=` directive.
 */
export function checkCommentValue(comment: string): string | null {
  // Most comments are prose: without `=`, none is a directive.
  if (!comment.includes('=')) return null;
  const m = /^\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(comment);
  if (!m || m[1]!.toLowerCase() !== 'check') return null;
  return directiveValue(m[2]!);
}

/** Go `strconv.ParseBool`. */
function parseGoBool(v: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return null;
}
