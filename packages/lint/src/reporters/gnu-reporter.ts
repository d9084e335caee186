import { messageWithIds } from './ids.js';
import type { ReportedFile } from './text-reporter.js';

/**
 * The GNU error format, as hadolint writes it (`--format gnu`), one line per finding:
 * `program:file:line:column: ID severity: message`.
 */
export function formatGnu(files: readonly ReportedFile[], program = 'dockwright'): string {
  let out = '';
  for (const { file, findings } of files) {
    for (const f of findings) {
      const { line, column } = f.position;
      out += `${program}:${file}:${line}:${column}: ${f.ruleId} ${f.severity}: ${messageWithIds(f)}\n`;
    }
  }
  return out;
}
