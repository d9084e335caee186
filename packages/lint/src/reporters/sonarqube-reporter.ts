import type { Severity } from '../types.js';
import { messageWithIds } from './ids.js';
import type { ReportedFile } from './text-reporter.js';

const SEVERITY: Record<Severity, string> = {
  error: 'CRITICAL',
  warning: 'MAJOR',
  info: 'MINOR',
  style: 'INFO',
};

/**
 * SonarQube's generic issue import format, as hadolint writes it (`--format sonarqube`):
 * `{ "issues": [...] }`, errors as `BUG`, the rest as `CODE_SMELL`; columns are 0-based.
 *
 * @example
 * ```ts
 * formatSonarqube([{ file: 'Dockerfile', text, findings }])
 * // {"issues":[{"engineId":"dockwright","ruleId":"DL3008","severity":"MAJOR",…}]}
 * ```
 */
export function formatSonarqube(files: readonly ReportedFile[], engineId = 'dockwright'): string {
  const issues = files.flatMap(({ file, findings }) =>
    findings.map((f) => {
      const p = f.position;
      // SonarQube's columns are 0-based, the end exclusive; a range is never empty.
      const endColumn = p.endLine > p.line || p.endColumn > p.column ? p.endColumn - 1 : p.column;
      return {
        engineId,
        ruleId: f.ruleId,
        severity: SEVERITY[f.severity],
        type: f.severity === 'error' ? 'BUG' : 'CODE_SMELL',
        primaryLocation: {
          message: messageWithIds(f),
          filePath: file,
          textRange: {
            startLine: p.line,
            endLine: Math.max(p.endLine, p.line),
            startColumn: p.column - 1,
            endColumn,
          },
        },
      };
    }),
  );
  return `${JSON.stringify({ issues })}\n`;
}
