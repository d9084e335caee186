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
 * A rule as a linter runs it: the caller's level for it (undefined: the rule's own), and
 * whether hadolint's pragmas can name it.
 */
export interface ConfiguredRule {
  readonly rule: Rule;
  readonly meta: RuleMeta;
  readonly level: Severity | undefined;
  readonly pragmaCode: boolean;
}

/**
 * What a configuration decides before any file is read: the caller's levels and ignore list,
 * the rules left running, and `options.buildkitCheck` (which replaces every file's `# check=`
 * directive). Made once per linter; {@link Policy} adds what each file's comments say.
 */
export class ConfigPolicy {
  /** The rules not switched off by the configuration, in the order given. */
  readonly rules: readonly ConfiguredRule[];
  /** `options.buildkitCheck`, parsed (thrown when malformed: the caller passed it), or null. */
  readonly buildkitCheck: CheckConfig | null;
  readonly disableIgnorePragma: boolean;
  private readonly levels: ReadonlyMap<string, Level | undefined>;
  private readonly ignored: ReadonlySet<string>;

  constructor(options: LintOptions, rules: readonly Rule[]) {
    this.levels = new Map(Object.entries(options.rules ?? {}));
    this.ignored = new Set(options.ignoreRules ?? []);
    this.buildkitCheck =
      options.buildkitCheck === undefined ? null : parseCheckConfig(options.buildkitCheck);
    this.disableIgnorePragma = options.disableIgnorePragma === true;
    const running: ConfiguredRule[] = [];
    for (const rule of rules) {
      const { meta } = rule;
      if (this.ignored.has(meta.id)) continue;
      const level = this.levels.get(meta.id);
      if ((level ?? meta.severity) === 'off') continue;
      running.push({
        rule,
        meta,
        level: level === 'off' ? undefined : level,
        pragmaCode: isPragmaCode(meta.id),
      });
    }
    this.rules = running;
  }

  /** The caller's level for a finding that comes from no rule (ShellCheck's), or null when off. */
  levelOf(id: string, severity: Severity): Severity | null {
    if (this.ignored.has(id)) return null;
    const level = this.levels.get(id) ?? severity;
    return level === 'off' ? null : level;
  }
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
  private readonly above = new Map<InstructionNode, CheckConfig>();
  private readonly pragmas: HadolintPragmas | null;
  /** Experimental checks some `# check=` in the file enables: `true` for every one. */
  private readonly experimentalEnabled: ReadonlySet<string> | true;

  constructor(config: ConfigPolicy, ctx: RuleContext, report: ReportCheck) {
    this.config = config;
    this.file = config.buildkitCheck ?? fileCheckConfig(ctx, report);
    for (const n of ctx.instructions) {
      const extra = commentCheckConfig(ctx, n, report);
      if (extra) this.above.set(n, mergeCheckConfig(this.file, extra));
    }
    this.experimentalEnabled = enabledExperimental(this.file, this.above.values());
    this.pragmas = config.disableIgnorePragma ? null : hadolintPragmas(ctx.tree);
  }

  /** Whether a running rule runs on this file: an experimental check must be enabled in it. */
  runs(meta: RuleMeta): boolean {
    if (!meta.experimental) return true;
    const enabled = this.experimentalEnabled;
    return enabled === true || enabled.has(meta.id);
  }

  /**
   * The severity of a rule's finding, or null when it is not reported. `configured` is the
   * instruction whose `# check=` comments apply; `anchor` the one hadolint's pragmas look at.
   */
  severity(
    entry: ConfiguredRule,
    configured: InstructionNode | null,
    position: Position,
    anchor: InstructionNode | null,
  ): Severity | null {
    const { meta } = entry;
    let severity = meta.severity as Severity;
    if (meta.source === 'buildkit' || meta.source === 'dockwright') {
      const fromComments = meta.checkConfig !== 'file' && configured && this.above.get(configured);
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
    if (entry.pragmaCode && this.pragmas) {
      const line = anchor?.position?.line ?? position.line;
      if (isIgnored(this.pragmas, meta.id, line)) return null;
    }
    return entry.level ?? severity;
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
  above: Iterable<CheckConfig>,
): ReadonlySet<string> | true {
  if (file.experimentalAll) return true;
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
  for (const c of ctx.tree.children) {
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
  for (const c of ctx.commentsAbove(node)) {
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
