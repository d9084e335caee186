import { type DockerfileNode, type InstructionNode, type Position, parse } from '@dockwright/ast';
import { mergeSameProblems, type Reported } from './merge-findings.js';
import { Policy } from './policy.js';
import { RuleContext } from './rule-context.js';
import { allRules } from './rules/all-rules.js';
import { shellcheckFindings } from './shellcheck/shellcheck-findings.js';
import type { Finding, LintInput, LintOptions, Report, Rule, RuleMeta } from './types.js';

/**
 * Lints a Dockerfile (text or parsed tree) with every rule: BuildKit's build checks, hadolint's
 * DL rules and this project's own, plus ShellCheck's comments when `options.shellcheck` holds
 * them.
 *
 * Configuration is read as each tool reads it: BuildKit's `# check=skip=…;error=…;experimental=…`
 * (file directive, a comment directly above an instruction, `options.buildkitCheck`),
 * hadolint's `# hadolint ignore=…`, `# hadolint stage ignore=…` and `# hadolint global ignore=…`
 * pragmas (unless `options.disableIgnorePragma`), levels per rule (`options.rules`) and rules to
 * skip (`options.ignoreRules`). Where a BuildKit check and a hadolint rule catch the same problem
 * at the same place, one finding names both (`alsoRuleIds`).
 *
 * Parse errors come back as findings with the parser's code as rule id and severity `error`. A
 * malformed `# check=` directive is an `InvalidCheckOption` error at its line (BuildKit fails the
 * build); a malformed `# check=` comment above an instruction is an `InvalidCheckOption` warning
 * (BuildKit ignores it, so the build passes but the comment does nothing). A malformed
 * `options.buildkitCheck` is the caller's mistake and throws {@link CheckConfigError}, as
 * BuildKit fails the build.
 *
 * @example
 * ```ts
 * lint('FROM alpine AS Build\n')
 * // [{ ruleId: 'StageNameCasing', severity: 'warning',
 * //    message: "Stage name 'Build' should be lowercase", position: {…}, fix: {…} }, …]
 * ```
 */
export function lint(input: LintInput, options: LintOptions = {}): Finding[] {
  return lintWith(input, options, allRules);
}

/**
 * {@link lint} with a chosen set of rules; the rule tests run one rule at a time, without folding
 * findings of the same problem together (`merge: false`), so each rule's own findings show.
 */
export function lintWith(
  input: LintInput,
  options: LintOptions,
  rules: readonly Rule[],
  { merge = true }: { readonly merge?: boolean } = {},
): Finding[] {
  const tree: DockerfileNode =
    typeof input === 'string' ? parse(input, { file: options.file }) : input;
  const ctx = new RuleContext(tree, options);
  const file = options.file ?? tree.file;
  const reported: Reported[] = [];
  const add = (
    finding: Omit<Finding, 'file'>,
    meta: Pick<RuleMeta, 'id' | 'sameProblemAs'> | null,
    anchor: InstructionNode | null,
  ): void => {
    reported.push({ finding: file ? { ...finding, file } : finding, meta, anchor });
  };

  for (const d of tree.diagnostics) {
    if (d.severity !== 'error') continue;
    const anchor = instructionAt(ctx, d.position);
    add(
      { ruleId: d.code, severity: 'error', message: d.message, position: d.position },
      null,
      anchor,
    );
  }
  // BuildKit refuses these when it builds (dockerfile2llb), so they are errors like parse errors.
  for (const p of ctx.stageProblems) {
    if (!p.node.position) continue;
    add(
      {
        ruleId: 'InvalidStageReference',
        severity: 'error',
        message: p.message,
        position: p.node.position,
      },
      null,
      p.node,
    );
  }

  const wantFixes = options.fixes !== false;
  const policy = new Policy(ctx, options, (severity, message, position) => {
    add({ ruleId: 'InvalidCheckOption', severity, message, position }, null, null);
  });

  // The ONBUILD view has no stages and only the triggers: with none, a rule sees nothing there.
  const onbuild = ctx.onbuildView();
  const onbuildTriggers = onbuild.instructions.length > 0;
  // One report function for every rule and view (no closures per rule and file): `meta` is the
  // rule running, `view` the context it runs over.
  let meta: RuleMeta | undefined;
  let view = ctx;
  const report: Report = (target, message, fix, configuredBy) => {
    if (!meta) return;
    const node = isInstruction(target) ? target : null;
    const position = node ? view.positionOf(node) : positionOf(target);
    if (!position) return;
    const anchor = node ? view.anchorOf(node) : instructionAt(ctx, position);
    const severity = policy.severity(meta, configuredBy ?? anchor, position, anchor);
    if (severity === null) return;
    const edits = wantFixes ? (typeof fix === 'function' ? fix() : fix) : undefined;
    const ruleId = meta.id;
    add(
      edits
        ? { ruleId, severity, message, position, fix: edits }
        : { ruleId, severity, message, position },
      meta,
      anchor,
    );
  };
  for (const rule of rules) {
    if (!policy.runs(rule.meta)) continue;
    meta = rule.meta;
    view = ctx;
    rule.check(ctx, report);
    if (meta.onbuild && onbuildTriggers) {
      view = onbuild;
      rule.check(onbuild, report);
    }
  }
  meta = undefined;

  for (const sc of shellcheckFindings(ctx, options.shellcheck ?? [])) {
    const severity = policy.severityOf(sc.finding.ruleId, sc.finding.severity, sc.anchor);
    if (severity === null) continue;
    add({ ...sc.finding, severity }, null, sc.anchor);
  }

  const findings = (merge ? mergeSameProblems(reported, ctx) : reported).map((r) => r.finding);
  findings.sort(
    (a, b) => a.position.line - b.position.line || a.position.column - b.position.column,
  );
  return findings;
}

function isInstruction(target: unknown): target is InstructionNode {
  return (target as { type?: string }).type === 'instruction';
}

function positionOf(target: { readonly position?: Position } | Position): Position | undefined {
  if ('endOffset' in target) return target as Position;
  return (target as { position?: Position }).position;
}

/** The instruction whose text holds a position (a comment or blank line has none). */
function instructionAt(ctx: RuleContext, position: Position): InstructionNode | null {
  const offset = position.offset;
  for (const n of ctx.instructions) {
    const p = n.position;
    if (p && p.offset <= offset && offset < Math.max(p.endOffset, p.offset + 1)) {
      return n;
    }
  }
  return null;
}
