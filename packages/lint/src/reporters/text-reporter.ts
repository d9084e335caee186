import type { Finding } from '../types.js';
import { escapeTerminal, pairEnd } from './escape-terminal.js';

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
 *
 * Meant for a terminal: control characters and bidirectional overrides from the file, its
 * name or a message show as escapes ({@link escapeTerminal}); a source line longer than
 * 160 characters shows the 160 around the column, between `…`; a message longer than 500
 * characters is cut and says how much is left out.
 */
export function formatText(files: readonly ReportedFile[], colors: Colors = NO_COLORS): string {
  let out = '';
  let total = 0;
  for (const { file, text, findings } of files) {
    if (findings.length === 0) continue;
    const lines = text.split(/\r?\n/);
    const name = escapeTerminal(file);
    for (const f of findings) {
      total++;
      const { line, column } = f.position;
      const sev =
        f.severity === 'error'
          ? colors.red('error')
          : f.severity === 'warning'
            ? colors.yellow('warning')
            : colors.blue(f.severity);
      const ids = f.alsoRuleIds ? `${f.ruleId} (${f.alsoRuleIds.join(', ')})` : f.ruleId;
      out += `${colors.bold(`${name}:${line}:${column}`)}: ${sev} ${colors.dim(ids)}: ${escapeTerminal(f.message, MESSAGE_WIDTH)}\n`;
      const src = lines[line - 1];
      if (src !== undefined) {
        const { before, after } = window(src, column - 1);
        const gutter = String(line).padStart(5);
        out += `${colors.dim(`${gutter} |`)} ${before}${after}\n`;
        // Tabs stay tabs so the caret lines up under them.
        out += `${colors.dim(`${' '.repeat(5)} |`)} ${before.replace(/[^\t]/gu, ' ')}${colors.red('^')}\n`;
      }
    }
  }
  if (total > 0) out += `\n${total} problem${total === 1 ? '' : 's'}\n`;
  else out += `No problems in ${files.length} file${files.length === 1 ? '' : 's'}\n`;
  return out;
}

const LINE_WIDTH = 160;
const MESSAGE_WIDTH = 500;

/** The part of a source line to show, split at the caret, escaped, `…` where cut. */
function window(src: string, index: number): { before: string; after: string } {
  const at = Math.max(0, Math.min(index, src.length));
  let start = 0;
  let end = src.length;
  if (src.length > LINE_WIDTH) {
    start = pairEnd(src, Math.max(0, Math.min(at - LINE_WIDTH / 2, src.length - LINE_WIDTH)));
    end = pairEnd(src, start + LINE_WIDTH);
  }
  return {
    before: (start > 0 ? '…' : '') + escapeTerminal(src.slice(start, at)),
    after: escapeTerminal(src.slice(at, end)) + (end < src.length ? '…' : ''),
  };
}
