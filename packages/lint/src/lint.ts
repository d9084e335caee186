import {
  type DirectiveNode,
  type DockerfileNode,
  type InstructionNode,
  type Position,
  parse,
} from '@dockwright/ast';
import {
  type CheckConfig,
  CheckConfigError,
  EMPTY_CHECK_CONFIG,
  mergeCheckConfig,
  parseCheckConfig,
} from './check-config.js';
import { hadolintIgnores } from './hadolint-pragmas.js';
import { RuleContext } from './rule-context.js';
import { allRules } from './rules/all-rules.js';
import type { Finding, LintInput, LintOptions, Severity } from './types.js';

/**
 * Lints a Dockerfile (text or parsed tree) with every rule: BuildKit's build checks, hadolint's
 * DL rules and this project's own. Honours `# check=skip=…;error=…` (file directive and a
 * comment directly above an instruction), `BUILDKIT_DOCKERFILE_CHECK` (`options.buildkitCheck`),
 * `# hadolint ignore=…` and `# hadolint global ignore=…`. Parse errors come back as findings
 * with the parser's code as rule id and severity `error`. A malformed `# check=` directive is an
 * `InvalidCheckOption` error at its line (BuildKit fails the build); a malformed `# check=`
 * comment above an instruction is an `InvalidCheckOption` warning (BuildKit ignores it, so the
 * build passes but the comment does nothing). A malformed `options.buildkitCheck` is the
 * caller's mistake and throws {@link CheckConfigError}, as BuildKit fails the build.
 *
 * @example
 * ```ts
 * lint('FROM alpine AS Build\n')
 * // [{ ruleId: 'StageNameCasing', severity: 'warning',
 * //    message: "Stage name 'Build' should be lowercase", position: {…}, fix: {…} }, …]
 * ```
 */
export function lint(input: LintInput, options: LintOptions = {}): Finding[] {
  const tree: DockerfileNode =
    typeof input === 'string' ? parse(input, { file: options.file }) : input;
  const ctx = new RuleContext(tree, options);
  const findings: Finding[] = [];
  const file = options.file ?? tree.file;

  for (const d of tree.diagnostics) {
    if (d.severity !== 'error') continue;
    findings.push({
      ruleId: d.code,
      severity: 'error',
      message: d.message,
      position: d.position,
      ...(file ? { file } : {}),
    });
  }

  // BuildKit refuses these when it builds (dockerfile2llb), so they are errors like parse errors.
  for (const p of ctx.stageProblems) {
    if (!p.node.position) continue;
    findings.push({
      ruleId: 'InvalidStageReference',
      severity: 'error',
      message: p.message,
      position: p.node.position,
      ...(file ? { file } : {}),
    });
  }

  const report = (severity: Severity, message: string, position: Position): void => {
    findings.push({
      ruleId: 'InvalidCheckOption',
      severity,
      message,
      position,
      ...(file ? { file } : {}),
    });
  };
  const fileCheck = fileCheckConfig(tree, options, report);
  const ignores = hadolintIgnores(ctx);
  const disabled = new Set(options.ignoreRules ?? []);
  const lineToInstruction = new Map<number, InstructionNode>();
  for (const n of ctx.instructions) if (n.position) lineToInstruction.set(n.position.start.line, n);
  const checkAbove = new Map<InstructionNode, CheckConfig>();
  for (const n of ctx.instructions) {
    const extra = commentCheckConfig(ctx, n, report);
    if (extra !== EMPTY_CHECK_CONFIG) checkAbove.set(n, extra);
  }

  for (const rule of allRules) {
    const { meta } = rule;
    const level = options.rules?.[meta.id];
    if (level === 'off' || disabled.has(meta.id)) continue;
    rule.check(ctx, (target, message, fix) => {
      const position = positionOf(target);
      if (!position) return;
      const node =
        'type' in target && (target as InstructionNode).type === 'instruction'
          ? (target as InstructionNode)
          : lineToInstruction.get(position.start.line);
      let severity: Severity = meta.severity;
      if (meta.source === 'buildkit') {
        let config = fileCheck;
        const extra = node && checkAbove.get(node);
        if (extra) config = mergeCheckConfig(fileCheck, extra);
        if (config.skipAll || config.skip.has(meta.id)) return;
        if (meta.experimental && !config.experimentalAll && !config.experimental.has(meta.id)) {
          return;
        }
        if (config.error === true) severity = 'error';
      }
      if (ignores.global.has(meta.id)) return;
      if (node && ignores.byNode.get(node)?.has(meta.id)) return;
      if (level !== undefined) severity = level;
      findings.push({
        ruleId: meta.id,
        severity,
        message,
        position,
        ...(fix ? { fix } : {}),
        ...(file ? { file } : {}),
      });
    });
  }
  findings.sort(
    (a, b) =>
      a.position.start.line - b.position.start.line ||
      a.position.start.column - b.position.start.column,
  );
  return findings;
}

function positionOf(target: { readonly position?: Position } | Position): Position | undefined {
  if ('start' in target && 'end' in target) return target as Position;
  return (target as { position?: Position }).position;
}

type ReportCheck = (severity: Severity, message: string, position: Position) => void;

/**
 * `options.buildkitCheck` (thrown when malformed: the caller passed it) or else the file's
 * `# check=` directive (reported when malformed: BuildKit fails the build with
 * `failed to parse check options: invalid check option …`).
 */
function fileCheckConfig(
  tree: DockerfileNode,
  options: LintOptions,
  report: ReportCheck,
): CheckConfig {
  if (options.buildkitCheck !== undefined) return parseCheckConfig(options.buildkitCheck);
  let directive: DirectiveNode | undefined;
  for (const c of tree.children) {
    if (c.type === 'directive' && c.name === 'check') directive = c;
  }
  if (!directive) return EMPTY_CHECK_CONFIG;
  try {
    return parseCheckConfig(directive.value);
  } catch (error) {
    if (!(error instanceof CheckConfigError) || !directive.position) throw error;
    report('error', error.message, directive.position);
    return EMPTY_CHECK_CONFIG;
  }
}

/**
 * The `# check=` comments directly above `node`, merged. A malformed one is reported as a
 * warning and left out: BuildKit's `WithMergedConfigFromComments` ignores it silently, so the
 * build passes, but the comment the author wrote does nothing.
 */
function commentCheckConfig(
  ctx: RuleContext,
  node: InstructionNode,
  report: ReportCheck,
): CheckConfig {
  let config = EMPTY_CHECK_CONFIG;
  for (const c of ctx.commentsAbove(node)) {
    const m = /^check\s*=\s*(.+?)\s*$/i.exec(c.text);
    if (!m) continue;
    try {
      config = mergeCheckConfig(config, parseCheckConfig(m[1]!));
    } catch (error) {
      if (!(error instanceof CheckConfigError) || !c.position) throw error;
      report('warning', `${error.message} (BuildKit ignores this comment)`, c.position);
    }
  }
  return config;
}
