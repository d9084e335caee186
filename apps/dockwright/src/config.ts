import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globToRegExp, type Level } from '@dockwright/lint';
import { parse as parseYaml } from 'yaml';
import { CliError } from './cli-error.js';

/** `dockwright.config.json` / `.yaml` / `.yml`. */
export interface Config {
  /** Severity per rule id: off | info | warning | error. */
  readonly rules: Readonly<Record<string, Level>>;
  /** Rule ids to skip everywhere. */
  readonly ignoreRules: readonly string[];
  /** Globs of files not to lint or format. */
  readonly ignoreFiles: readonly RegExp[];
}

export const CONFIG_NAMES = [
  'dockwright.config.json',
  'dockwright.config.yaml',
  'dockwright.config.yml',
];
const LEVELS = new Set(['off', 'info', 'warning', 'error']);

/** Loads the given config file, or the first of {@link CONFIG_NAMES} in `cwd`, or an empty one. */
export function loadConfig(path: string | undefined, cwd: string): Config {
  const file = path ?? CONFIG_NAMES.map((n) => join(cwd, n)).find((p) => existsSync(p));
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
  return {
    rules,
    ignoreRules: list(ignore.rules, 'rules'),
    ignoreFiles: list(ignore.files, 'files').map((g) =>
      globToRegExp(g.replace(/^\.\//, ''), { braces: true }),
    ),
  };
}
