import { type DockerfileNode, type InstructionNode, type Position, parse } from '@dockwright/ast';
import {
  type CheckConfig,
  EMPTY_CHECK_CONFIG,
  mergeCheckConfig,
  parseCheckConfig,
} from './check-config.js';
import { hadolintIgnores } from './hadolint-pragmas.js';
import { RuleContext } from './rule-context.js';
import { allRules } from './rules/all-rules.js';
import type { Finding, Fix, LintInput, LintOptions, Rule, Severity } from './types.js';

/**
 * Lints a Dockerfile (text or parsed tree) with every rule: BuildKit's build checks, hadolint's
 * DL rules and this project's own. Honours `# check=skip=…;error=…` (file directive and a
 * comment directly above an instruction), `BUILDKIT_DOCKERFILE_CHECK` (`options.buildkitCheck`),
 * `# hadolint ignore=…` and `# hadolint global ignore=…`. Parse errors come back as findings
 * with the parser's code as rule id and severity `error`.
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

  const fileCheck = fileCheckConfig(tree, options);
  const ignores = hadolintIgnores(ctx);
  const disabled = new Set(options.ignoreRules ?? []);
  const lineToInstruction = new Map<number, InstructionNode>();
  for (const n of ctx.instructions) if (n.position) lineToInstruction.set(n.position.start.line, n);
  const checkAbove = new Map<InstructionNode, CheckConfig>();

  for (const rule of allRules) {
    const { meta } = rule;
    const level = options.rules?.[meta.id];
    if (level === 'off' || disabled.has(meta.id)) continue;
    runRule(rule, ctx, (target, message, fix) => {
      const position = positionOf(target);
      if (!position) return;
      const node =
        'type' in target && (target as InstructionNode).type === 'instruction'
          ? (target as InstructionNode)
          : lineToInstruction.get(position.start.line);
      let severity: Severity = meta.severity;
      if (meta.source === 'buildkit') {
        let config = fileCheck;
        if (node) {
          let extra = checkAbove.get(node);
          if (!extra) {
            extra = commentCheckConfig(ctx, node);
            checkAbove.set(node, extra);
          }
          config = mergeCheckConfig(fileCheck, extra);
        }
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

function runRule(
  rule: Rule,
  ctx: RuleContext,
  report: (target: { readonly position?: Position } | Position, message: string, fix?: Fix) => void,
): void {
  rule.check(ctx, report);
}

function positionOf(target: { readonly position?: Position } | Position): Position | undefined {
  if ('start' in target && 'end' in target) return target as Position;
  return (target as { position?: Position }).position;
}

function fileCheckConfig(tree: DockerfileNode, options: LintOptions): CheckConfig {
  let value = options.buildkitCheck;
  if (value === undefined) {
    for (const c of tree.children) {
      if (c.type === 'directive' && c.name === 'check') value = c.value;
    }
  }
  if (value === undefined) return EMPTY_CHECK_CONFIG;
  try {
    return parseCheckConfig(value);
  } catch {
    return EMPTY_CHECK_CONFIG;
  }
}

function commentCheckConfig(ctx: RuleContext, node: InstructionNode): CheckConfig {
  let config = EMPTY_CHECK_CONFIG;
  for (const c of ctx.commentsAbove(node)) {
    const m = /^check\s*=\s*(.+?)\s*$/i.exec(c.text);
    if (!m) continue;
    try {
      config = mergeCheckConfig(config, parseCheckConfig(m[1]!));
    } catch {
      // A malformed comment is ignored for lint purposes; the build reports it.
    }
  }
  return config;
}
