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
import type { Level, LintOptions, RuleMeta, Severity } from './types.js';

type ReportCheck = (severity: Severity, message: string, position: Position) => void;

/** hadolint's rule codes, the ones its pragmas can name. */
const PRAGMA_CODE = /^(?:DL|SC)[0-9]+$/;

/**
 * Decides whether a finding is reported and at which severity, the way each tool decides:
 * BuildKit's check configuration for its checks, hadolint's pragmas for DL and SC codes, then
 * the caller's levels (`options.rules`) and ignore list.
 */
export class Policy {
  /** The caller's levels (`options.rules`), looked up for every rule and finding. */
  private readonly levels: ReadonlyMap<string, Level | undefined>;
  private readonly file: CheckConfig;
  private readonly above = new Map<InstructionNode, CheckConfig>();
  private readonly pragmas: HadolintPragmas | null;
  private readonly ignored: ReadonlySet<string>;
  /** Experimental checks some `# check=` in the file enables: `true` for every one. */
  private readonly experimentalEnabled: ReadonlySet<string> | true;

  constructor(ctx: RuleContext, options: LintOptions, report: ReportCheck) {
    this.levels = new Map(Object.entries(options.rules ?? {}));
    this.ignored = new Set(options.ignoreRules ?? []);
    this.file = fileCheckConfig(ctx, options, report);
    for (const n of ctx.instructions) {
      const extra = commentCheckConfig(ctx, n, report);
      if (extra) this.above.set(n, mergeCheckConfig(this.file, extra));
    }
    this.experimentalEnabled = enabledExperimental([this.file, ...this.above.values()]);
    this.pragmas = options.disableIgnorePragma ? null : hadolintPragmas(ctx.tree);
  }

  /**
   * Whether a rule runs at all: not off by default or by configuration, and, for an
   * experimental BuildKit check, enabled somewhere in the file.
   */
  runs(meta: RuleMeta): boolean {
    if (this.ignored.has(meta.id)) return false;
    if (meta.experimental) {
      const enabled = this.experimentalEnabled;
      if (enabled !== true && !enabled.has(meta.id)) return false;
    }
    const level = this.levels.get(meta.id) ?? meta.severity;
    return level !== 'off';
  }

  /**
   * The severity of a rule's finding, or null when it is not reported. `configured` is the
   * instruction whose `# check=` comments apply; `anchor` the one hadolint's pragmas look at.
   */
  severity(
    meta: RuleMeta,
    configured: InstructionNode | null,
    position: Position,
    anchor: InstructionNode | null = configured,
  ): Severity | null {
    let severity = meta.severity;
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
    const line = anchor?.position?.line ?? position.line;
    return this.finish(meta.id, severity, line);
  }

  /** The severity of a finding that comes from no rule (ShellCheck's), or null. */
  severityOf(id: string, severity: Severity, anchor: InstructionNode | null): Severity | null {
    if (this.ignored.has(id)) return null;
    return this.finish(id, severity, anchor?.position?.line ?? 0);
  }

  private finish(id: string, severity: Severity | 'off', line: number): Severity | null {
    if (this.pragmas && PRAGMA_CODE.test(id) && isIgnored(this.pragmas, id, line)) return null;
    const level = this.levels.get(id) ?? severity;
    return level === 'off' ? null : level;
  }
}

/** The experimental checks any of `configs` enables (`true`: all of them). */
function enabledExperimental(configs: readonly CheckConfig[]): ReadonlySet<string> | true {
  const names = new Set<string>();
  for (const c of configs) {
    if (c.experimentalAll) return true;
    for (const name of c.experimental) names.add(name);
  }
  return names;
}

/**
 * `options.buildkitCheck` (thrown when malformed: the caller passed it) or else the file's
 * `# check=` directive, cut at its first space as BuildKit cuts it (reported when malformed:
 * BuildKit fails the build with `failed to parse check options: …`).
 */
function fileCheckConfig(ctx: RuleContext, options: LintOptions, report: ReportCheck): CheckConfig {
  if (options.buildkitCheck !== undefined) return parseCheckConfig(options.buildkitCheck);
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
