/**
 * The lines `from`–`to` of `text` with a few lines of context, numbered, the marked ones
 * flagged with `>`, as BuildKit prints the failing instruction.
 *
 * @example
 * ```ts
 * codeFrame('FROM alpine\nRUN exit 3\n', 2, 2)
 * // '   1 |   FROM alpine\n   2 | > RUN exit 3'
 * ```
 */
export function codeFrame(text: string, from: number, to = from, context = 2): string {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const first = Math.max(1, from - context);
  const last = Math.min(lines.length, to + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const mark = n >= from && n <= to ? '>' : ' ';
    out.push(`${String(n).padStart(width + 3)} | ${mark} ${lines[n - 1]}`.trimEnd());
  }
  return out.join('\n');
}
