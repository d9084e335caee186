import type { DirectiveNode, InstructionNode, Position } from '@dockwright/ast';
import {
  type CheckConfig,
  CheckConfigError,
  checkCommentValue,
  directiveValue,
  EMPTY_CHECK_CONFIG,
  mergeCheckConfig,
  parseCheckConfig,
} from './check-config.js';
import { type HadolintPragmas, hadolintPragmas, isIgnored } from './hadolint-pragmas.js';
import { type KeywordSet, keywordSet } from './internal/keyword-set.js';
import { PlatformError, parsePlatform } from './internal/platform.js';
import type { RuleContext } from './rule-context.js';
import type { Level, LintOptions, Rule, RuleMeta, Severity } from './types.js';

type ReportCheck = (severity: Severity, message: string, position: Position) => void;

/** A rule code hadolint's pragmas can name: `DL` or `SC` and digits. */
function isPragmaCode(id: string): boolean {
  if (id.length < 3 || !(id.startsWith('DL') || id.startsWith('SC'))) return false;
  for (let i = 2; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A list of rules as linters run it, read once for the list rather than for every configuration:
 * which rules are off unless the caller gives them a level, which ones hadolint's pragmas can
 * name, and where each id is. It holds nothing of any configuration or file; `createLinter`'s,
 * for every rule, is made when the module loads.
 */
export class RuleTable {
  readonly rules: readonly Rule[];
  /** Per rule: whether it runs when the caller gives it no level (its own is not `off`). */
  readonly runsByDefault: readonly boolean[];
  /** Per rule: its id is a DL or SC code, which hadolint's pragmas can name. */
  readonly pragmaCode: readonly boolean[];
  /** Per rule: its `keywords` (empty: it runs on every file). */
  readonly keywords: readonly KeywordSet[];
  /** Every id a rule's `sameProblemAs` names: the findings others may fold into. */
  readonly foldTargets: ReadonlySet<string>;
  /** Where each id is in `rules` (a list names an id more than once only in tests). */
  private readonly positions: ReadonlyMap<string, readonly number[]>;

  constructor(rules: readonly Rule[]) {
    // A copy: a caller changing its array later changes nothing here. The lists are plain
    // arrays, not frozen ones (no one outside the linter sees them): the linter reads them for
    // every rule and file, and Node 20's V8 reads a frozen array's elements several times slower.
    this.rules = [...rules];
    const positions = new Map<string, number[]>();
    this.runsByDefault = this.rules.map((r) => r.meta.severity !== 'off');
    this.pragmaCode = this.rules.map((r) => isPragmaCode(r.meta.id));
    this.keywords = this.rules.map((r) => keywordSet(r.meta.keywords ?? []));
    this.rules.forEach((r, i) => {
      const at = positions.get(r.meta.id);
      if (at) at.push(i);
      else positions.set(r.meta.id, [i]);
    });
    this.positions = positions;
    const targets = new Set<string>();
    for (const r of this.rules) for (const id in r.meta.sameProblemAs) targets.add(id);
    this.foldTargets = targets;
  }

  /** The positions in `rules` of the rules with this id. */
  positionsOf(id: string): readonly number[] {
    return this.positions.get(id) ?? NONE;
  }
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * What a configuration decides before any file is read: the caller's levels and ignore list,
 * the rules left running, and `options.buildkitCheck` (which replaces every file's `# check=`
 * directive). Made once per linter; {@link Policy} adds what each file's comments say. Its cost
 * grows with the options given, not with the number of rules: `lint()` makes one per call.
 */
export class ConfigPolicy {
  readonly table: RuleTable;
  /** Per rule of the table: whether the configuration leaves it running. */
  readonly running: readonly boolean[];
  /** `options.buildkitCheck`, parsed (thrown when malformed: the caller passed it), or null. */
  readonly buildkitCheck: CheckConfig | null;
  readonly disableIgnorePragma: boolean;
  private readonly levels: ReadonlyMap<string, Level>;
  private readonly ignored: ReadonlySet<string>;

  constructor(options: LintOptions, table: RuleTable) {
    const levels = readLevels(options);
    const ignored = readIgnored(options);
    checkPlatformOption('platform', options.platform);
    checkPlatformOption('buildPlatform', options.buildPlatform);
    checkBuildArgs(options);
    if (options.buildkitCheck !== undefined && typeof options.buildkitCheck !== 'string') {
      throw new TypeError('options.buildkitCheck must be a string (skip=…;error=…;experimental=…)');
    }
    this.table = table;
    this.levels = levels;
    this.ignored = ignored;
    this.buildkitCheck =
      options.buildkitCheck === undefined ? null : parseCheckConfig(options.buildkitCheck);
    this.disableIgnorePragma = options.disableIgnorePragma === true;
    // Every rule runs at its own level unless that is `off`; a level given switches a rule on
    // or off, and the ignore list switches it off whatever its level.
    const running = table.runsByDefault.slice();
    for (const id of levels.keys()) {
      const on = levels.get(id) !== 'off';
      for (const i of table.positionsOf(id)) running[i] = on;
    }
    for (const id of ignored) for (const i of table.positionsOf(id)) running[i] = false;
    this.running = running;
  }

  /** The caller's level for a running rule (it is never `off`), or undefined: the rule's own. */
  levelOfRule(id: string): Severity | undefined {
    return this.levels.size === 0 ? undefined : (this.levels.get(id) as Severity | undefined);
  }

  /** The caller's level for a finding that comes from no rule (ShellCheck's), or null when off. */
  levelOf(id: string, severity: Severity): Severity | null {
    if (this.ignored.has(id)) return null;
    const level = this.levels.get(id) ?? severity;
    return level === 'off' ? null : level;
  }
}

const LEVELS: ReadonlySet<unknown> = new Set(['off', 'error', 'warning', 'info', 'style']);
const NO_LEVELS: ReadonlyMap<string, Level> = new Map();
const NO_IDS: ReadonlySet<string> = new Set();

/**
 * `options.rules` as a map, refused where a type checker would have refused it: a level that
 * is none would become a finding's severity.
 */
function readLevels(options: LintOptions): ReadonlyMap<string, Level> {
  const rules = options.rules as unknown;
  if (rules === undefined) return NO_LEVELS;
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
    throw new TypeError('options.rules must map rule ids to levels');
  }
  const levels = new Map<string, Level>();
  // `for…in` with `Object.hasOwn` reads the entries `Object.entries` would, without an array
  // per entry: `lint()` reads its options on every call.
  for (const id in rules) {
    if (!Object.hasOwn(rules, id)) continue;
    const level = (rules as Record<string, unknown>)[id];
    if (!LEVELS.has(level)) {
      throw new TypeError(
        `options.rules.${id} must be off, error, warning, info or style, not ${JSON.stringify(level)}`,
      );
    }
    levels.set(id, level as Level);
  }
  return levels;
}

/** `options.ignoreRules` as a set; an ignore list that is a string would ignore nothing. */
function readIgnored(options: LintOptions): ReadonlySet<string> {
  const ids = options.ignoreRules as unknown;
  if (ids === undefined) return NO_IDS;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new TypeError('options.ignoreRules must be an array of rule ids');
  }
  return ids.length === 0 ? NO_IDS : new Set(ids);
}

/**
 * Throws a TypeError naming `options.platform` or `options.buildPlatform` when it is given and
 * is not one platform BuildKit reads (`linux/arm64`), saying why: a build for it would fail.
 */
export function checkPlatformOption(
  name: 'platform' | 'buildPlatform',
  value: unknown,
): asserts value is string | undefined {
  if (value === undefined) return;
  if (typeof value !== 'string') {
    throw new TypeError(
      `options.${name} must be a platform string (os/arch[/variant]), not ${shown(value)}`,
    );
  }
  try {
    // One platform: a list (`docker build --platform a,b`) is several builds, not one.
    if (value.includes(',')) {
      throw new PlatformError(`${JSON.stringify(value)}: one platform, not a list`);
    }
    parsePlatform(value);
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    throw new TypeError(`options.${name} is not a platform: ${error.message}`, { cause: error });
  }
}

/** `options.buildArgs`, refused unless it maps names to strings (a value would be read as one). */
function checkBuildArgs(options: LintOptions): void {
  const args = options.buildArgs as unknown;
  if (args === undefined) return;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new TypeError('options.buildArgs must map build argument names to string values');
  }
  for (const [name, value] of Object.entries(args)) {
    if (typeof value !== 'string') {
      throw new TypeError(`options.buildArgs.${name} must be a string, not ${shown(value)}`);
    }
  }
}

function shown(value: unknown): string {
  return typeof value === 'object' && value !== null
    ? Array.isArray(value)
      ? 'an array'
      : 'an object'
    : typeof value === 'string'
      ? JSON.stringify(value)
      : String(value);
}

/**
 * Decides whether a finding is reported and at which severity, the way each tool decides:
 * BuildKit's check configuration for its checks, hadolint's pragmas for DL and SC codes, then
 * the caller's levels (`options.rules`) and ignore list. One per file: it reads the file's
 * `# check=` directive and comments and its `# hadolint` pragmas.
 */
export class Policy {
  private readonly config: ConfigPolicy;
  private readonly file: CheckConfig;
  /** The configuration of each instruction a `# check=` comment sits above (null: none does). */
  private readonly above: Map<InstructionNode, CheckConfig> | null = null;
  private readonly pragmas: HadolintPragmas | null;
  /** Experimental checks some `# check=` in the file enables: `true` for every one. */
  private readonly experimentalEnabled: ReadonlySet<string> | true;

  constructor(config: ConfigPolicy, ctx: RuleContext, report: ReportCheck) {
    this.config = config;
    this.file = config.buildkitCheck ?? fileCheckConfig(ctx, report);
    for (const n of ctx.instructions) {
      const extra = commentCheckConfig(ctx, n, report);
      if (!extra) continue;
      this.above ??= new Map();
      this.above.set(n, mergeCheckConfig(this.file, extra));
    }
    this.experimentalEnabled = enabledExperimental(this.file, this.above?.values());
    this.pragmas = config.disableIgnorePragma ? null : hadolintPragmas(ctx.tree);
  }

  /** Whether a running rule runs on this file: an experimental check must be enabled in it. */
  runs(meta: RuleMeta): boolean {
    if (!meta.experimental) return true;
    const enabled = this.experimentalEnabled;
    return enabled === true || enabled.has(meta.id);
  }

  /**
   * The severity of a finding of the table's rule `index`, or null when it is not reported.
   * `configured` is the instruction whose `# check=` comments apply; `anchor` the one hadolint's
   * pragmas look at.
   */
  severity(
    index: number,
    configured: InstructionNode | null,
    position: Position,
    anchor: InstructionNode | null,
  ): Severity | null {
    const { table } = this.config;
    const { meta } = table.rules[index]!;
    let severity = meta.severity as Severity;
    if (meta.source === 'buildkit' || meta.source === 'dockwright') {
      const fromComments = meta.checkConfig !== 'file' && configured && this.above?.get(configured);
      const config = fromComments || this.file;
      if (meta.source === 'dockwright') {
        // `# check=skip=dockwright/…` names this project's rules as it names BuildKit's.
        if (config.skip.has(meta.id)) return null;
      } else if (meta.experimental) {
        // BuildKit's Linter.Run: experimental checks are enabled by name, never skipped.
        if (!config.experimentalAll && !config.experimental.has(meta.id)) return null;
      } else if (config.skipAll || config.skip.has(meta.id)) {
        return null;
      }
      if (meta.source === 'buildkit' && config.error === true) severity = 'error';
    }
    if (this.pragmas && table.pragmaCode[index]) {
      const line = anchor?.position?.line ?? position.line;
      if (isIgnored(this.pragmas, meta.id, line)) return null;
    }
    return this.config.levelOfRule(meta.id) ?? severity;
  }

  /** The severity of a finding that comes from no rule (ShellCheck's), or null. */
  severityOf(id: string, severity: Severity, anchor: InstructionNode | null): Severity | null {
    const level = this.config.levelOf(id, severity);
    if (level === null) return null;
    const line = anchor?.position?.line ?? 0;
    if (this.pragmas && isPragmaCode(id) && isIgnored(this.pragmas, id, line)) return null;
    return level;
  }
}

/** The experimental checks the file's configurations enable (`true`: all of them). */
function enabledExperimental(
  file: CheckConfig,
  above: Iterable<CheckConfig> | undefined,
): ReadonlySet<string> | true {
  if (file.experimentalAll) return true;
  if (!above) return file.experimental;
  const names = new Set(file.experimental);
  for (const c of above) {
    if (c.experimentalAll) return true;
    for (const name of c.experimental) names.add(name);
  }
  return names;
}

/**
 * The file's `# check=` directive, cut at its first space as BuildKit cuts it (reported when
 * malformed: BuildKit fails the build with `failed to parse check options: …`).
 */
function fileCheckConfig(ctx: RuleContext, report: ReportCheck): CheckConfig {
  let directive: DirectiveNode | undefined;
  for (const c of ctx.children) {
    if (c.type === 'directive' && c.name === 'check') directive = c;
  }
  if (!directive) return EMPTY_CHECK_CONFIG;
  try {
    return parseCheckConfig(directiveValue(directive.value));
  } catch (error) {
    if (!(error instanceof CheckConfigError) || !directive.position) throw error;
    report('error', `failed to parse check options: ${error.message}`, directive.position);
    return EMPTY_CHECK_CONFIG;
  }
}

/**
 * The first `# check=` comment directly above `node` (BuildKit's
 * `WithMergedConfigFromComments` reads the first one and stops). A malformed one is reported
 * as a warning and configures nothing: BuildKit ignores it silently, so the build passes, but
 * the comment the author wrote does nothing.
 */
function commentCheckConfig(
  ctx: RuleContext,
  node: InstructionNode,
  report: ReportCheck,
): CheckConfig | null {
  const comments = ctx.commentsAbove(node);
  // By index: most instructions have none, a shared frozen empty list `for…of` would allocate
  // an iterator for.
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i]!;
    const value = checkCommentValue(c.text);
    if (value === null) continue;
    try {
      return parseCheckConfig(value);
    } catch (error) {
      if (!(error instanceof CheckConfigError) || !c.position) throw error;
      report('warning', `${error.message} (BuildKit ignores this comment)`, c.position);
      return null;
    }
  }
  return null;
}
