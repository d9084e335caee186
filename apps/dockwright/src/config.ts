import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suggest } from '@dockwright/ast';
import { CliError } from '@dockwright/cli-kit';
import { allRules, globToRegExp, type Level } from '@dockwright/lint';
import { parse as parseYaml } from 'yaml';

/** `dockwright.config.json` / `.yaml` / `.yml`. */
export interface Config {
  /** Severity per rule id: off | info | warning | error. */
  readonly rules: Readonly<Record<string, Level>>;
  /** Rule ids to skip everywhere. */
  readonly ignoreRules: readonly string[];
  /** Globs of files not to lint or format. */
  readonly ignoreFiles: readonly RegExp[];
}

const CONFIG_NAMES = ['dockwright.config.json', 'dockwright.config.yaml', 'dockwright.config.yml'];
const LEVELS = new Set(['off', 'info', 'warning', 'error']);

/**
 * Loads the given config file (relative to `cwd`), or the first of {@link CONFIG_NAMES} in
 * `cwd`, or an empty one. Throws a {@link CliError} (exit 2) for a file that cannot be read or
 * parsed, an unknown key, a bad level, or a rule id no rule has (with BuildKit's
 * `(did you mean X?)` when one is close).
 *
 * @example
 * ```ts
 * loadConfig(undefined, '/repo').rules // { DL3008: 'off' } from /repo/dockwright.config.yaml
 * ```
 */
export function loadConfig(path: string | undefined, cwd: string): Config {
  const file =
    path !== undefined
      ? resolve(cwd, path)
      : CONFIG_NAMES.map((n) => join(cwd, n)).find((p) => existsSync(p));
  if (!file) return { rules: {}, ignoreRules: [], ignoreFiles: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: cannot read config: ${(error as Error).message}`, 2, {
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: invalid config: ${(error as Error).message}`, 2, { cause: error });
  }
  return validate(data ?? {}, file);
}

function validate(data: unknown, file: string): Config {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CliError(`${file}: invalid config: expected an object`);
  }
  const obj = data as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== 'rules' && key !== 'ignore' && key !== '$schema') {
      throw new CliError(`${file}: invalid config: unknown key "${key}" (expected rules, ignore)`);
    }
  }
  const rules: Record<string, Level> = {};
  const rawRules = obj.rules ?? {};
  if (typeof rawRules !== 'object' || rawRules === null || Array.isArray(rawRules)) {
    throw new CliError(
      `${file}: invalid config: "rules" must map rule ids to off|info|warning|error`,
    );
  }
  for (const [id, level] of Object.entries(rawRules)) {
    checkRuleId(id, `"rules"`, file);
    if (typeof level !== 'string' || !LEVELS.has(level)) {
      throw new CliError(
        `${file}: invalid config: rule "${id}" has level ${JSON.stringify(level)}, expected off|info|warning|error`,
      );
    }
    rules[id] = level as Level;
  }
  const ignore = (obj.ignore ?? {}) as Record<string, unknown>;
  const list = (v: unknown, name: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      throw new CliError(`${file}: invalid config: "ignore.${name}" must be a list of strings`);
    }
    return v as string[];
  };
  const ignoreRules = list(ignore.rules, 'rules');
  for (const id of ignoreRules) checkRuleId(id, `"ignore.rules"`, file);
  return {
    rules,
    ignoreRules,
    ignoreFiles: list(ignore.files, 'files').map((g) =>
      globToRegExp(g.replace(/^\.\//, ''), { braces: true }),
    ),
  };
}

const RULE_IDS = allRules.map((r) => r.meta.id);
const BY_LOWER = new Map(RULE_IDS.map((id) => [id.toLowerCase(), id]));

/** A rule id that names no rule is a mistake that would silently configure nothing. */
function checkRuleId(id: string, where: string, file: string): void {
  if (BY_LOWER.get(id.toLowerCase()) === id) return;
  // Ids are case-sensitive; match without case so `dl3008` suggests `DL3008`.
  const match =
    BY_LOWER.get(id.toLowerCase()) ??
    BY_LOWER.get(suggest(id.toLowerCase(), [...BY_LOWER.keys()], true) ?? '');
  throw new CliError(
    `${file}: invalid config: unknown rule "${id}" in ${where}${match ? ` (did you mean ${match}?)` : ''}`,
  );
}
