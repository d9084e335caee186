import type { InstructionNode, Position } from '@dockwright/ast';
import type { RuleContext } from '../rule-context.js';
import type { Finding } from '../types.js';
import type { ShellcheckComment, ShellcheckResult } from './shellcheck-job.js';
import { mapOffset } from './source-map.js';

/** A place in the Dockerfile: 1-based line and column, 0-based offset. */
interface Point {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** ShellCheck's wiki page for a code. */
export function shellcheckUrl(code: string): string {
  return `https://www.shellcheck.net/wiki/${code}`;
}

/**
 * ShellCheck's comments as findings: `SC<code>` at the place in the Dockerfile the comment is
 * about (the RUN's first character when it is about the lines ShellCheck was given before the
 * script), anchored to the RUN (or its ONBUILD) for pragmas and configuration.
 */
export function shellcheckFindings(
  ctx: RuleContext,
  results: readonly ShellcheckResult[],
): { finding: Omit<Finding, 'file'>; anchor: InstructionNode | null }[] {
  if (results.length === 0) return [];
  const byOffset = new Map<number, InstructionNode>();
  for (const n of ctx.instructions) if (n.position) byOffset.set(n.position.offset, n);
  const out: { finding: Omit<Finding, 'file'>; anchor: InstructionNode | null }[] = [];
  for (const { job, comments } of results) {
    const anchor = byOffset.get(job.anchor) ?? null;
    if (!anchor?.position) continue;
    const lineStarts = [0];
    const script = job.script.split('\n').slice(job.prelude).join('\n');
    for (let i = script.indexOf('\n'); i >= 0; i = script.indexOf('\n', i + 1))
      lineStarts.push(i + 1);
    const place = (line: number, column: number, fallback: Point): Point => {
      const l = line - job.prelude - 1;
      const start = lineStarts[l];
      if (start === undefined) return fallback;
      const offset = start + utf16Offset(script, start, column - 1);
      const at = mapOffset(job.segments, offset);
      if (!at) return fallback;
      return at;
    };
    for (const c of comments) {
      const start = place(c.line, c.column, anchor.position);
      const end = place(c.endLine, c.endColumn, start);
      const position: Position = {
        line: start.line,
        column: start.column,
        offset: start.offset,
        endLine: end.line,
        endColumn: end.column,
        // A place after `start` keeps an offset no smaller than `start`'s.
        endOffset: Math.max(end.offset, start.offset),
      };
      out.push({ finding: toFinding(c, position), anchor });
    }
  }
  return out;
}

function toFinding(c: ShellcheckComment, position: Position): Omit<Finding, 'file'> {
  return { ruleId: `SC${c.code}`, severity: c.level, message: c.message, position };
}

/** UTF-16 units from `from` covering `codePoints` characters (ShellCheck counts characters). */
function utf16Offset(text: string, from: number, codePoints: number): number {
  let i = from;
  for (let k = 0; k < codePoints && i < text.length; k++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return i - from;
}
