export { applyFixes, type FixResult } from './apply-fixes.js';
export { type CheckConfig, CheckConfigError, parseCheckConfig } from './check-config.js';
export { compileGlob, type Glob, type GlobOptions } from './compile-glob.js';
export { type FormatOptions, format } from './format.js';
export { dockerignoreMatcher } from './internal/dockerignore.js';
export { type ShellCommand, type ShellScript, splitShell } from './internal/shell-commands.js';
export { lint } from './lint.js';
export { escapeTerminal } from './reporters/escape-terminal.js';
export { formatJson } from './reporters/json-reporter.js';
export { formatSarif } from './reporters/sarif-reporter.js';
export { STDIN_NAME, STDIN_URI } from './reporters/stdin-name.js';
export {
  type Colors,
  formatText,
  NO_COLORS,
  type ReportedFile,
} from './reporters/text-reporter.js';
export { RuleContext, type Stage } from './rule-context.js';
export { allRules } from './rules/all-rules.js';
export { buildkitRules } from './rules/buildkit-rules.js';
export { dockwrightRules } from './rules/dockwright-rules.js';
export { hadolintRules } from './rules/hadolint-rules.js';
export type * from './types.js';
