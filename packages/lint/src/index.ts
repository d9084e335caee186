export { applyFixes, type FixResult } from './apply-fixes.js';
export {
  type BaseImageRequest,
  baseImageRequests,
  selectManifest,
} from './base-image-requests.js';
export { type CheckConfig, CheckConfigError, parseCheckConfig } from './check-config.js';
export { compileGlob, type Glob, type GlobOptions } from './compile-glob.js';
export { type FormatOptions, format } from './format.js';
export {
  EMPTY_HADOLINT_CONFIG,
  HADOLINT_FORMATS,
  type HadolintConfig,
  HadolintConfigError,
  type HadolintFormat,
  hadolintConfigFromEnv,
  hadolintConfigLocations,
  hadolintLintOptions,
  mergeHadolintConfigs,
  type ParsedHadolintConfig,
  parseHadolintConfig,
} from './hadolint-config.js';
export {
  parseGlobalIgnorePragma,
  parseIgnorePragma,
  parseShellPragma,
  parseStageIgnorePragma,
} from './hadolint-pragmas.js';
export { dockerignoreMatcher } from './internal/dockerignore.js';
export { type Platform, PlatformError, parsePlatform } from './internal/platform.js';
export { isLabelType, LABEL_TYPES, type LabelType } from './label-schema.js';
export { lint } from './lint.js';
export { createLinter, type FileOptions, type Linter } from './linter.js';
export { formatCheckstyle } from './reporters/checkstyle-reporter.js';
export { formatCodeclimate, formatGitlabCodeQuality } from './reporters/codeclimate-reporter.js';
export { escapeTerminal } from './reporters/escape-terminal.js';
export {
  formatReport,
  isReportFormat,
  REPORT_FORMATS,
  type ReportFormat,
} from './reporters/format-report.js';
export { formatGnu } from './reporters/gnu-reporter.js';
export { formatJson } from './reporters/json-reporter.js';
export { formatSarif } from './reporters/sarif-reporter.js';
export { formatSonarqube } from './reporters/sonarqube-reporter.js';
export { STDIN_NAME, STDIN_URI } from './reporters/stdin-name.js';
export {
  type Colors,
  formatText,
  NO_COLORS,
  type ReportedFile,
} from './reporters/text-reporter.js';
export { type NodeView, RuleContext, type Stage } from './rule-context.js';
export { allRules } from './rules/all-rules.js';
export { buildkitRules } from './rules/buildkit-rules.js';
export { dockwrightRules } from './rules/dockwright-rules.js';
export { hadolintRules } from './rules/hadolint-rules.js';
export type { CommandFlag, ShellCommand } from './shell/command.js';
export { parseShell, type ShellScript } from './shell/parse-shell.js';
export { type RunScript, runText } from './shell/run-script.js';
export {
  type ShellcheckComment,
  type ShellcheckJob,
  type ShellcheckResult,
  shellcheckJobs,
} from './shellcheck/shellcheck-job.js';
export type * from './types.js';
