import { formatCheckstyle } from './checkstyle-reporter.js';
import { formatCodeclimate, formatGitlabCodeQuality } from './codeclimate-reporter.js';
import { formatGnu } from './gnu-reporter.js';
import { formatJson } from './json-reporter.js';
import { formatSarif } from './sarif-reporter.js';
import { formatSonarqube } from './sonarqube-reporter.js';
import { type Colors, formatText, NO_COLORS, type ReportedFile } from './text-reporter.js';

/**
 * The report formats, under their names and hadolint's (`tty` is `text`): `text`, `json`,
 * `sarif`, `checkstyle`, `codeclimate` (NUL-separated issues), `gitlab_codeclimate` (GitLab
 * Code Quality), `sonarqube`, `gnu`.
 */
export const REPORT_FORMATS = [
  'text',
  'tty',
  'json',
  'sarif',
  'checkstyle',
  'codeclimate',
  'gitlab_codeclimate',
  'sonarqube',
  'gnu',
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * A report in one of {@link REPORT_FORMATS}.
 *
 * @example
 * ```ts
 * formatReport('checkstyle', [{ file: 'Dockerfile', text, findings: lint(text) }])
 * ```
 */
export function formatReport(
  format: ReportFormat,
  files: readonly ReportedFile[],
  tool: { readonly name: string; readonly version: string; readonly colors?: Colors } = {
    name: 'dockwright',
    version: '0.0.0',
  },
): string {
  switch (format) {
    case 'text':
    case 'tty':
      return formatText(files, tool.colors ?? NO_COLORS);
    case 'json':
      return formatJson(files);
    case 'sarif':
      return formatSarif(files, { name: tool.name, version: tool.version });
    case 'checkstyle':
      return formatCheckstyle(files);
    case 'codeclimate':
      return formatCodeclimate(files);
    case 'gitlab_codeclimate':
      return formatGitlabCodeQuality(files);
    case 'sonarqube':
      return formatSonarqube(files, tool.name);
    case 'gnu':
      return formatGnu(files, tool.name);
  }
}
