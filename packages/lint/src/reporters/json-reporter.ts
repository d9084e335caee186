import type { ReportedFile } from './text-reporter.js';

/** One JSON array of findings, each with its file, rule, severity, message, line and column. */
export function formatJson(files: readonly ReportedFile[]): string {
  const out = files.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file,
      ruleId: f.ruleId,
      ...(f.alsoRuleIds ? { alsoRuleIds: f.alsoRuleIds } : {}),
      severity: f.severity,
      message: f.message,
      line: f.position.line,
      column: f.position.column,
      endLine: f.position.endLine,
      endColumn: f.position.endColumn,
      fixable: f.fix !== undefined,
    })),
  );
  return `${JSON.stringify(out, null, 2)}\n`;
}
