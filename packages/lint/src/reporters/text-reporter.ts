import type { Finding } from '../types.js';

export interface Colors {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const plain = (s: string): string => s;
export const NO_COLORS: Colors = {
  red: plain,
  yellow: plain,
  blue: plain,
  dim: plain,
  bold: plain,
};

export interface ReportedFile {
  readonly file: string;
  readonly text: string;
  readonly findings: readonly Finding[];
}

/**
 * Text output with a code frame per finding:
 *
 * ```
 * Dockerfile:2:1: warning StageNameCasing: Stage name 'Build' should be lowercase
 *    2 | FROM alpine AS Build
 *      | ^
 * ```
 */
export function formatText(files: readonly ReportedFile[], colors: Colors = NO_COLORS): string {
  let out = '';
  let total = 0;
  for (const { file, text, findings } of files) {
    const lines = text.split(/\r?\n/);
    for (const f of findings) {
      total++;
      const { line, column } = f.position.start;
      const sev =
        f.severity === 'error'
          ? colors.red('error')
          : f.severity === 'warning'
            ? colors.yellow('warning')
            : colors.blue(f.severity);
      const ids = f.alsoRuleIds ? `${f.ruleId} (${f.alsoRuleIds.join(', ')})` : f.ruleId;
      out += `${colors.bold(`${file}:${line}:${column}`)}: ${sev} ${colors.dim(ids)}: ${f.message}\n`;
      const src = lines[line - 1];
      if (src !== undefined) {
        const gutter = String(line).padStart(5);
        out += `${colors.dim(`${gutter} |`)} ${src}\n`;
        out += `${colors.dim(`${' '.repeat(5)} |`)} ${' '.repeat(Math.max(0, column - 1))}${colors.red('^')}\n`;
      }
    }
  }
  if (total > 0) out += `\n${total} problem${total === 1 ? '' : 's'}\n`;
  else out += `No problems in ${files.length} file${files.length === 1 ? '' : 's'}\n`;
  return out;
}
