import { createLinter, RuleLinter } from './linter.js';
import type { Finding, LintInput, LintOptions, Rule } from './types.js';

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
  return createLinter(options).lint(input);
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
  return new RuleLinter(options, rules, merge).lint(input);
}
