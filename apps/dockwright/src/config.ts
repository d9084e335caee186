import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { suggest } from '@dockwright/ast';
import { CliError } from '@dockwright/cli-kit';
import { allRules, compileGlob, escapeTerminal, type Glob, type Level } from '@dockwright/lint';
import type { Document } from 'yaml';
import { jsonErrorOffset } from './json-error-offset.js';
import { readBounded } from './read-input.js';
import { decodeText } from './text-bytes.js';

/** `dockwright.config.json` / `.yaml` / `.yml`. */
export interface Config {
  /** Severity per rule id: off | info | warning | error. */
  readonly rules: Readonly<Record<string, Level>>;
  /** Rule ids to skip everywhere. */
  readonly ignoreRules: readonly string[];
  /** Globs of files not to lint or format. */
  readonly ignoreFiles: readonly Glob[];
}

const EMPTY: Config = { rules: {}, ignoreRules: [], ignoreFiles: [] };
const CONFIG_NAMES = ['dockwright.config.json', 'dockwright.config.yaml', 'dockwright.config.yml'];
const LEVELS = ['off', 'style', 'info', 'warning', 'error'];

/**
 * Loads the given config file (relative to `cwd`), or the first of {@link CONFIG_NAMES} in
 * `cwd`, or an empty one. Throws a {@link CliError} (exit 2) for a file that cannot be read
 * or parsed, or that says something this version does not understand: an unknown key, a value
 * of the wrong type, a bad level, a rule id no rule has (with BuildKit's `(did you mean X?)`
 * when one is close). Each problem is a line `file:line:column: message` naming the key.
 *
 * @example
 * ```ts
 * (await loadConfig(undefined, '/repo')).rules // { DL3008: 'off' } from /repo/dockwright.config.yaml
 * ```
 */
export async function loadConfig(path: string | undefined, cwd: string): Promise<Config> {
  const file =
    path !== undefined
      ? resolve(cwd, path)
      : CONFIG_NAMES.map((n) => join(cwd, n)).find((p) => existsSync(p));
  if (!file) return EMPTY;
  const shown = escapeTerminal(path ?? relative(cwd, file));
  const text = decodeText(readBounded(file, shown).bytes);
  // yaml (a third of the bundle) is loaded only when there is a config to read.
  // As bundled, a CommonJS module's dynamic import has only its `default`.
  const yaml = await import('yaml');
  const { LineCounter, parseDocument } =
    (yaml as unknown as { default?: typeof yaml }).default ?? yaml;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): string => {
    if (offset === undefined) return shown;
    const { line, col } = lines.linePos(offset);
    return `${shown}:${line}:${col}`;
  };
  let data: unknown;
  if (/\.json$/i.test(file)) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      // V8 words it `Unexpected token 'r', "rules: [" is not valid JSON` or `… in JSON at
      // position 7`: the position comes from our own scan, the words from V8.
      const message = (error as Error).message.replace(/ in JSON at position.*|, ".*/s, '');
      const offset = jsonErrorOffset(text);
      throw new CliError(`${at(offset < 0 ? undefined : offset)}: invalid JSON: ${message}`, 2, {
        cause: error,
      });
    }
    // JSON.parse keeps the last of two equal keys; the first would be ignored unseen.
    const duplicate = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
    if (duplicate) {
      const key = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(duplicate.pos[0]))?.[0];
      const name = key ? ` "${shownKey(JSON.parse(key) as string)}"` : '';
      throw new CliError(`${at(duplicate.pos[0])}: duplicate key${name}`);
    }
  } else {
    const error = doc.errors[0];
    if (error) {
      throw new CliError(`${at(error.pos[0])}: invalid YAML: ${error.message.split('\n')[0]}`);
    }
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      throw new CliError(`${shown}: invalid YAML: ${(cause as Error).message}`, 2, { cause });
    }
  }
  const { config, problems } = validate(data ?? {});
  if (problems.length > 0) {
    // In the order of the file, the first 20.
    const located = problems.map((p) => ({ offset: locate(doc, p), message: p.message }));
    located.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
    throw new CliError(
      located
        .slice(0, 20)
        .map((p) => `${at(p.offset)}: ${p.message}`)
        .join('\n'),
    );
  }
  return config;
}

/** A key or value of the config that is wrong, where it is, and what was expected. */
interface Problem {
  readonly path: readonly (string | number)[];
  readonly at: 'key' | 'value';
  readonly message: string;
}

function validate(data: unknown): { config: Config; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (path: Problem['path'], at: Problem['at'], message: string): void => {
    problems.push({ path, at, message });
  };
  if (!isObject(data)) {
    problem(
      [],
      'value',
      `the config must be an object with "rules" and "ignore", not ${describe(data)}`,
    );
    return { config: EMPTY, problems };
  }
  checkKeys(data, [], ['rules', 'ignore', '$schema'], problem);
  if (data.$schema !== undefined && typeof data.$schema !== 'string') {
    problem(['$schema'], 'value', `"$schema" must be a string, not ${describe(data.$schema)}`);
  }

  const rules: Record<string, Level> = {};
  if (data.rules !== undefined && !isObject(data.rules)) {
    problem(
      ['rules'],
      'value',
      `"rules" must map rule ids to off|style|info|warning|error, not ${describe(data.rules)}`,
    );
  } else {
    for (const [id, level] of Object.entries(data.rules ?? {})) {
      const unknown = unknownRule(id, '"rules"');
      if (unknown) problem(['rules', id], 'key', unknown);
      if (typeof level !== 'string' || !LEVELS.includes(level)) {
        problem(
          ['rules', id],
          'value',
          `rule "${shownKey(id)}" has level ${describe(level)}, expected off|style|info|warning|error`,
        );
      } else rules[id] = level as Level;
    }
  }

  let ignoreRules: string[] = [];
  let ignoreFiles: Glob[] = [];
  if (data.ignore !== undefined && !isObject(data.ignore)) {
    problem(
      ['ignore'],
      'value',
      `"ignore" must be an object with "rules" and "files" lists, not ${describe(data.ignore)}`,
    );
  } else if (data.ignore !== undefined) {
    const ignore = data.ignore;
    checkKeys(ignore, ['ignore'], ['rules', 'files'], problem);
    ignoreRules = strings(ignore.rules, ['ignore', 'rules'], 'rule ids', problem);
    ignoreRules.forEach((id, i) => {
      const unknown = unknownRule(id, '"ignore.rules"');
      if (unknown) problem(['ignore', 'rules', i], 'value', unknown);
    });
    ignoreFiles = strings(ignore.files, ['ignore', 'files'], 'globs', problem).map((g) =>
      compileGlob(g.replace(/^\.\//, ''), { braces: true }),
    );
  }
  return { config: { rules, ignoreRules, ignoreFiles }, problems };
}

type Report = (path: Problem['path'], at: Problem['at'], message: string) => void;

function checkKeys(
  obj: Record<string, unknown>,
  path: readonly string[],
  known: readonly string[],
  problem: Report,
): void {
  const where = path.length === 0 ? '' : ` in "${path.join('.')}"`;
  const expected = known.map((k) => `"${k}"`).join(', ');
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const close = key.length < 100 ? suggest(key, known, false) : null;
    problem(
      [...path, key],
      'key',
      `unknown key "${shownKey(key)}"${where} (expected ${expected}${close ? `; did you mean "${close}"?` : ''})`,
    );
  }
}

/** A list of strings at `path`, or [] after reporting what is wrong with it. */
function strings(value: unknown, path: string[], what: string, problem: Report): string[] {
  if (value === undefined) return [];
  const name = path.join('.');
  if (!Array.isArray(value)) {
    problem(path, 'value', `"${name}" must be a list of ${what}, not ${describe(value)}`);
    return [];
  }
  const out: string[] = [];
  value.forEach((item, i) => {
    if (typeof item === 'string') out.push(item);
    else problem([...path, i], 'value', `"${name}[${i}]" must be a string, not ${describe(item)}`);
  });
  return out;
}

const RULE_IDS = allRules.map((r) => r.meta.id);
const BY_LOWER = new Map(RULE_IDS.map((id) => [id.toLowerCase(), id]));

/** A rule id that names no rule is a mistake that would silently configure nothing. */
function unknownRule(id: string, where: string): string | undefined {
  if (BY_LOWER.get(id.toLowerCase()) === id) return undefined;
  // ShellCheck's codes configure its findings on RUN scripts.
  if (/^SC[0-9]+$/.test(id)) return undefined;
  // Ids are case-sensitive; match without case so `dl3008` suggests `DL3008`.
  const match =
    BY_LOWER.get(id.toLowerCase()) ??
    (id.length < 100
      ? BY_LOWER.get(suggest(id.toLowerCase(), [...BY_LOWER.keys()], true) ?? '')
      : undefined);
  return `unknown rule "${shownKey(id)}" in ${where}${match ? ` (did you mean ${match}?)` : ''}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as a message names it: `"x"`, `the number 1`, `a list`, `null`. */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${shownKey(v)}"`;
  if (typeof v === 'object') return 'an object';
  return `the ${typeof v} ${String(v)}`;
}

/** A key or string from the file, short and safe to print. */
function shownKey(s: string): string {
  const short = s.length > 60 ? `${s.slice(0, 60)}…` : s;
  return escapeTerminal(short);
}

/** Where a problem is in the file (an offset), found through the YAML view of the text. */
function locate(doc: Document, p: Problem): number | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const step of p.path) {
    const items = (node as { items?: unknown[] } | null)?.items;
    if (!items) return rangeOf(node);
    if (typeof step === 'number') {
      node = items[step];
      keyNode = undefined;
    } else {
      const pair = items.find(
        (i) => ((i as { key?: { value?: unknown } }).key?.value ?? undefined) === step,
      ) as { key: unknown; value: unknown } | undefined;
      if (!pair) return rangeOf(node);
      keyNode = pair.key;
      node = pair.value;
    }
  }
  return rangeOf(p.at === 'key' && keyNode !== undefined ? keyNode : node);
}

function rangeOf(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}
