import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { isLabelType, type LabelType } from './label-schema.js';
import type { LintOptions, Severity } from './types.js';

/** hadolint's output formats (`format:`, `formats:`, `--format`, `HADOLINT_FORMAT`). */
export const HADOLINT_FORMATS = [
  'tty',
  'json',
  'checkstyle',
  'codeclimate',
  'gitlab_codeclimate',
  'gnu',
  'codacy',
  'sonarqube',
  'sarif',
  'junit',
] as const;
export type HadolintFormat = (typeof HADOLINT_FORMATS)[number];

/**
 * A hadolint configuration (`.hadolint.yaml`, the `HADOLINT_*` environment variables), as
 * hadolint reads it.
 */
export interface HadolintConfig {
  /** `override:` lists as a level per rule code; `error` wins over `warning`, `info`, `style`. */
  readonly rules: Readonly<Record<string, Severity>>;
  /** `ignored:` rule codes. */
  readonly ignoreRules: readonly string[];
  readonly trustedRegistries: readonly string[];
  readonly labelSchema: Readonly<Record<string, LabelType>>;
  readonly strictLabels?: boolean;
  readonly disableIgnorePragma?: boolean;
  /**
   * `failure-threshold:`: the run fails on a finding at or above it. hadolint's `ignore` and
   * `none`, the lowest levels, fail on every finding: they read as `style`.
   */
  readonly failureThreshold?: Severity;
  /** `no-fail:`: never fail. */
  readonly noFail?: boolean;
  readonly noColor?: boolean;
  readonly verbose?: boolean;
  /** `format:` and `formats:`. */
  readonly formats: readonly HadolintFormat[];
}

export const EMPTY_HADOLINT_CONFIG: HadolintConfig = {
  rules: {},
  ignoreRules: [],
  trustedRegistries: [],
  labelSchema: {},
  formats: [],
};

/** A configuration hadolint would refuse: `file:line:column: what is wrong`. */
export class HadolintConfigError extends Error {
  override readonly name = 'HadolintConfigError';
}

export interface ParsedHadolintConfig {
  readonly config: HadolintConfig;
  /** Keys hadolint ignores (so they configure nothing), each with where it is. */
  readonly warnings: readonly string[];
}

const LEVELS = ['error', 'warning', 'info', 'style'] as const;
const THRESHOLDS: Record<string, Severity> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'style',
  ignore: 'style',
  none: 'style',
};
const KNOWN_KEYS = new Set([
  'no-fail',
  'no-color',
  'verbose',
  'format',
  'formats',
  'override',
  'ignored',
  'trustedRegistries',
  'label-schema',
  'strict-labels',
  'disable-ignore-pragma',
  'failure-threshold',
]);

/**
 * Reads a `.hadolint.yaml` as hadolint does: a mapping of `override` (`error`, `warning`,
 * `info`, `style` lists of rule codes), `ignored`, `trustedRegistries`, `label-schema`
 * (label → `text|url|spdx|hash|rfc3339|semver|email`), `strict-labels`,
 * `disable-ignore-pragma`, `failure-threshold`, `no-fail`, `no-color`, `verbose`, `format`,
 * `formats`. A value of the wrong type, and an empty file, are errors
 * ({@link HadolintConfigError}, with the file, line and column) as they are for hadolint;
 * keys hadolint does not know are ignored, as by hadolint, with a warning.
 *
 * @example
 * ```ts
 * parseHadolintConfig('ignored: [DL3008]\ntrustedRegistries: [docker.io]\n', '.hadolint.yaml')
 * // { config: { ignoreRules: ['DL3008'], trustedRegistries: ['docker.io'], … }, warnings: [] }
 * ```
 */
export function parseHadolintConfig(text: string, file: string): ParsedHadolintConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const at = (offset: number | undefined): string => {
    const pos = lineCounter.linePos(offset ?? 0);
    return `${file}:${pos.line}:${pos.col}`;
  };
  const fail = (node: Node | null | undefined, message: string): never => {
    throw new HadolintConfigError(`${at(node?.range?.[0])}: ${message}`);
  };
  const firstError = doc.errors[0];
  if (firstError) {
    throw new HadolintConfigError(
      `${at(firstError.pos[0])}: invalid YAML: ${firstError.message.split('\n')[0]}`,
    );
  }
  const root = doc.contents;
  if (root === null) throw new HadolintConfigError(`${file}: the configuration is empty`);
  if (!isMap(root)) fail(root, 'expected a mapping of hadolint settings');
  const warnings: string[] = [];
  const rules: Record<string, Severity> = {};
  const labelSchema: Record<string, LabelType> = {};
  let config: HadolintConfig = { ...EMPTY_HADOLINT_CONFIG };

  const string = (node: unknown, what: string): string => {
    if (!isScalar(node) || typeof node.value !== 'string')
      fail(node as Node, `${what} must be a string`);
    return (node as { value: string }).value;
  };
  const bool = (node: unknown, key: string): boolean => {
    if (!isScalar(node) || typeof node.value !== 'boolean') {
      fail(node as Node, `"${key}" must be true or false`);
    }
    return (node as { value: boolean }).value;
  };
  const list = (node: unknown, key: string): string[] => {
    if (!isSeq(node)) fail(node as Node, `"${key}" must be a list`);
    return (node as { items: unknown[] }).items.map((item) => string(item, `an item of "${key}"`));
  };
  const format = (node: unknown, key: string): HadolintFormat => {
    const value = string(node, `"${key}"`);
    if (!(HADOLINT_FORMATS as readonly string[]).includes(value)) {
      fail(node as Node, `"${key}" must be one of ${HADOLINT_FORMATS.join(', ')}, not "${value}"`);
    }
    return value as HadolintFormat;
  };

  for (const pair of (root as { items: { key: unknown; value: unknown }[] }).items) {
    const key = string(pair.key, 'a key');
    const value = pair.value;
    // An empty value (`ignored:`) configures nothing, as hadolint reads it.
    if (value === null || (isScalar(value) && value.value === null)) continue;
    switch (key) {
      case 'no-fail':
        config = { ...config, noFail: bool(value, key) };
        break;
      case 'no-color':
        config = { ...config, noColor: bool(value, key) };
        break;
      case 'verbose':
        config = { ...config, verbose: bool(value, key) };
        break;
      case 'strict-labels':
        config = { ...config, strictLabels: bool(value, key) };
        break;
      case 'disable-ignore-pragma':
        config = { ...config, disableIgnorePragma: bool(value, key) };
        break;
      case 'format':
        config = { ...config, formats: [...config.formats, format(value, key)] };
        break;
      case 'formats':
        if (!isSeq(value)) fail(value as Node, '"formats" must be a list');
        config = {
          ...config,
          formats: [
            ...(value as { items: unknown[] }).items.map((f) => format(f, 'formats')),
            ...config.formats,
          ],
        };
        break;
      case 'failure-threshold': {
        const threshold = string(value, '"failure-threshold"');
        const level = THRESHOLDS[threshold];
        if (!level) {
          fail(
            value as Node,
            `"failure-threshold" must be error, warning, info, style, ignore or none, not "${threshold}"`,
          );
        }
        config = { ...config, failureThreshold: level };
        break;
      }
      case 'ignored':
        config = { ...config, ignoreRules: [...config.ignoreRules, ...list(value, key)] };
        break;
      case 'trustedRegistries':
        config = {
          ...config,
          trustedRegistries: [...config.trustedRegistries, ...list(value, key)],
        };
        break;
      case 'override': {
        if (!isMap(value))
          fail(value as Node, '"override" must map error, warning, info, style to lists');
        const byLevel = new Map<string, string[]>();
        for (const p of (value as { items: { key: unknown; value: unknown }[] }).items) {
          const level = string(p.key, 'a key of "override"');
          if (!(LEVELS as readonly string[]).includes(level)) {
            warnings.push(
              `${at((p.key as Node).range?.[0])}: hadolint ignores "override.${level}" (expected error, warning, info or style)`,
            );
            continue;
          }
          if (p.value === null || (isScalar(p.value) && p.value.value === null)) continue;
          byLevel.set(level, list(p.value, `override.${level}`));
        }
        // hadolint applies style, then info, warning and error: the most severe list wins.
        for (const level of [...LEVELS].reverse()) {
          for (const code of byLevel.get(level) ?? []) rules[code] = level;
        }
        break;
      }
      case 'label-schema': {
        if (!isMap(value)) fail(value as Node, '"label-schema" must map label names to types');
        for (const p of (value as { items: { key: unknown; value: unknown }[] }).items) {
          const name = string(p.key, 'a label name');
          const type = string(p.value, `the type of label "${name}"`);
          if (type !== '' && !isLabelType(type)) {
            fail(
              p.value as Node,
              `label "${name}" has type "${type}", expected text, url, spdx, hash, rfc3339, semver or email`,
            );
          }
          labelSchema[name] = type === '' ? 'text' : (type as LabelType);
        }
        break;
      }
      default:
        if (!KNOWN_KEYS.has(key)) {
          warnings.push(`${at((pair.key as Node).range?.[0])}: hadolint ignores the key "${key}"`);
        }
    }
  }
  return { config: { ...config, rules, labelSchema }, warnings };
}

/**
 * hadolint's settings from the environment: `HADOLINT_NOFAIL`, `NO_COLOR`, `HADOLINT_VERBOSE`,
 * `HADOLINT_FORMAT`, `HADOLINT_OVERRIDE_ERROR|WARNING|INFO|STYLE`, `HADOLINT_IGNORE`,
 * `HADOLINT_TRUSTED_REGISTRIES` (comma lists), `HADOLINT_REQUIRE_LABELS` (`name:type,…`),
 * `HADOLINT_STRICT_LABELS`, `HADOLINT_DISABLE_IGNORE_PRAGMA`, `HADOLINT_FAILURE_THRESHOLD`.
 * Booleans are true for `1`, `y`, `on`, `true`, `yes` (any case); unknown formats, label types
 * and thresholds are skipped, as hadolint skips them.
 */
export function hadolintConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): HadolintConfig {
  const truthy = (name: string): boolean | undefined => {
    const v = env[name];
    return v === undefined ? undefined : ['1', 'y', 'on', 'true', 'yes'].includes(v.toLowerCase());
  };
  const csv = (name: string): string[] => (env[name] === undefined ? [] : env[name]!.split(','));
  const rules: Record<string, Severity> = {};
  for (const level of [...LEVELS].reverse()) {
    for (const code of csv(`HADOLINT_OVERRIDE_${level.toUpperCase()}`)) rules[code] = level;
  }
  const labelSchema: Record<string, LabelType> = {};
  for (const entry of csv('HADOLINT_REQUIRE_LABELS')) {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? entry : entry.slice(0, colon);
    const type = colon < 0 ? '' : entry.slice(colon + 1);
    if (type === '') labelSchema[name] = 'text';
    else if (isLabelType(type)) labelSchema[name] = type;
  }
  const threshold = env.HADOLINT_FAILURE_THRESHOLD;
  const config: HadolintConfig = {
    rules,
    ignoreRules: csv('HADOLINT_IGNORE'),
    trustedRegistries: csv('HADOLINT_TRUSTED_REGISTRIES'),
    labelSchema,
    formats: csv('HADOLINT_FORMAT').filter((f): f is HadolintFormat =>
      (HADOLINT_FORMATS as readonly string[]).includes(f),
    ),
  };
  const optional: Partial<Record<keyof HadolintConfig, unknown>> = {
    noFail: truthy('HADOLINT_NOFAIL'),
    noColor: env.NO_COLOR !== undefined ? true : undefined,
    verbose: truthy('HADOLINT_VERBOSE'),
    strictLabels: truthy('HADOLINT_STRICT_LABELS'),
    disableIgnorePragma: truthy('HADOLINT_DISABLE_IGNORE_PRAGMA'),
    failureThreshold: threshold !== undefined ? THRESHOLDS[threshold] : undefined,
  };
  return {
    ...config,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/**
 * Configurations combined as hadolint combines them (environment, then file, then command
 * line): lists add up, a later setting replaces an earlier one.
 */
export function mergeHadolintConfigs(...configs: readonly HadolintConfig[]): HadolintConfig {
  let merged = EMPTY_HADOLINT_CONFIG;
  for (const b of configs) {
    merged = {
      ...merged,
      ...Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)),
      rules: mergeRules(merged.rules, b.rules),
      ignoreRules: [...merged.ignoreRules, ...b.ignoreRules],
      trustedRegistries: [...merged.trustedRegistries, ...b.trustedRegistries],
      labelSchema: { ...merged.labelSchema, ...b.labelSchema },
      formats: [...merged.formats, ...b.formats],
    };
  }
  return merged;
}

const RANK: Record<Severity, number> = { style: 0, info: 1, warning: 2, error: 3 };

/** hadolint applies every override list in the same order: the most severe level wins. */
function mergeRules(
  a: Readonly<Record<string, Severity>>,
  b: Readonly<Record<string, Severity>>,
): Record<string, Severity> {
  const out: Record<string, Severity> = { ...a };
  for (const [code, level] of Object.entries(b)) {
    const before = out[code];
    if (before === undefined || RANK[level] > RANK[before]) out[code] = level;
  }
  return out;
}

/** The lint options a hadolint configuration sets. */
export function hadolintLintOptions(config: HadolintConfig): LintOptions {
  return {
    rules: config.rules,
    ignoreRules: config.ignoreRules,
    trustedRegistries: config.trustedRegistries,
    labelSchema: config.labelSchema,
    ...(config.strictLabels !== undefined ? { strictLabels: config.strictLabels } : {}),
    ...(config.disableIgnorePragma !== undefined
      ? { disableIgnorePragma: config.disableIgnorePragma }
      : {}),
  };
}

/**
 * Where hadolint looks for its configuration when none is named, first found wins:
 * `./.hadolint.yaml|yml`, `$XDG_CONFIG_HOME/hadolint.yaml|yml` (`~/.config` by default),
 * `~/.hadolint/hadolint.yaml|yml`, `~/.hadolint/config.yaml|yml`, `~/.hadolint.yaml|yml`.
 */
export function hadolintConfigLocations(dirs: {
  readonly cwd: string;
  readonly home: string | undefined;
  readonly xdgConfigHome?: string | undefined;
}): string[] {
  const join = (dir: string, name: string): string => `${dir.replace(/[\\/]+$/, '')}/${name}`;
  const out = [join(dirs.cwd, '.hadolint.yaml'), join(dirs.cwd, '.hadolint.yml')];
  const xdg = dirs.xdgConfigHome || (dirs.home ? join(dirs.home, '.config') : undefined);
  if (xdg) out.push(join(xdg, 'hadolint.yaml'), join(xdg, 'hadolint.yml'));
  if (dirs.home) {
    const app = join(dirs.home, '.hadolint');
    for (const name of ['hadolint.yaml', 'hadolint.yml', 'config.yaml', 'config.yml']) {
      out.push(join(app, name));
    }
    out.push(join(dirs.home, '.hadolint.yaml'), join(dirs.home, '.hadolint.yml'));
  }
  return out;
}
