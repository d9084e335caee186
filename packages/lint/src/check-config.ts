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

export const EMPTY_CHECK_CONFIG: CheckConfig = {
  skip: new Set(),
  skipAll: false,
  error: null,
  experimental: new Set(),
  experimentalAll: false,
};

/** Thrown for a malformed check value; BuildKit fails the build with the same words. */
export class CheckConfigError extends Error {
  override readonly name = 'CheckConfigError';
}

/**
 * Parses a check value: `skip=<Rule,Rule|all>;error=<bool>;experimental=<Rule,…|all>`, split
 * on `;` into at most 3 parts (BuildKit `linter.ParseLintOptions`).
 *
 * @example
 * ```ts
 * parseCheckConfig('skip=JSONArgsRecommended,StageNameCasing;error=true').error // true
 * ```
 */
export function parseCheckConfig(value: string): CheckConfig {
  const parts = value.split(';');
  if (parts.length > 3) throw new CheckConfigError(`invalid check option: ${value}`);
  const skip = new Set<string>();
  const experimental = new Set<string>();
  let skipAll = false;
  let experimentalAll = false;
  let error: boolean | null = null;
  for (const part of parts) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    if (eq < 0) throw new CheckConfigError(`invalid check option: ${trimmed}`);
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    const val = trimmed.slice(eq + 1).trim();
    switch (key) {
      case 'skip':
        for (const r of val.split(',')) {
          const name = r.trim();
          if (name.toLowerCase() === 'all') skipAll = true;
          else if (name !== '') skip.add(name);
        }
        break;
      case 'error': {
        const b = parseGoBool(val);
        if (b === null) throw new CheckConfigError(`failed to parse check option error: ${val}`);
        error = b;
        break;
      }
      case 'experimental':
        for (const r of val.split(',')) {
          const name = r.trim();
          if (name.toLowerCase() === 'all') experimentalAll = true;
          else if (name !== '') experimental.add(name);
        }
        break;
      default:
        throw new CheckConfigError(`invalid check option: ${key}`);
    }
  }
  return { skip, skipAll, error, experimental, experimentalAll };
}

/**
 * A `# check=…` comment directly above one instruction adds to the file's configuration for
 * that instruction only (BuildKit `WithMergedConfigFromComments`).
 */
export function mergeCheckConfig(base: CheckConfig, extra: CheckConfig): CheckConfig {
  return {
    skip: new Set([...base.skip, ...extra.skip]),
    skipAll: base.skipAll || extra.skipAll,
    error: extra.error ?? base.error,
    experimental: new Set([...base.experimental, ...extra.experimental]),
    experimentalAll: base.experimentalAll || extra.experimentalAll,
  };
}

/** Go `strconv.ParseBool`. */
function parseGoBool(v: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return null;
}
