/** A run of characters copied unchanged from the Dockerfile into a script. */
export interface Segment {
  /** Where the run starts in the script. */
  readonly at: number;
  /** 1-based line and column, and 0-based offset, of its first character in the Dockerfile. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/**
 * The logical line of the instruction starting at `start` (its offset, line and column) in
 * `text`, as BuildKit joins it
 * (the escape character ending a line and the line break dropped, the next line's indent kept,
 * empty and comment lines inside the continuation dropped), with where each of its characters
 * comes from, and the offset of the line after it (where heredoc bodies start).
 */
export function logicalLineMap(
  text: string,
  start: { readonly offset: number; readonly line: number; readonly column: number },
  escape: string,
): { logical: string; segments: Segment[]; after: number; afterLine: number } {
  const esc = escape.charCodeAt(0);
  let line = start.line;
  let lineStart = start.offset - (start.column - 1);
  let from = start.offset;
  let logical = '';
  const segments: Segment[] = [];
  let first = true;
  while (from <= text.length) {
    let le = text.indexOf('\n', from);
    if (le < 0) le = text.length;
    let ce = le;
    while (ce > from && text.charCodeAt(ce - 1) === 0x0d) ce--;
    const next = le + 1;
    let skip = false;
    if (!first) {
      let cts = from;
      while (cts < ce && /\s/.test(text[cts]!)) cts++;
      skip = cts === ce || text.charCodeAt(cts) === 0x23;
    }
    if (!skip) {
      first = false;
      let e = ce;
      while (e > from && (text.charCodeAt(e - 1) === 0x20 || text.charCodeAt(e - 1) === 0x09)) e--;
      const continued =
        e > from &&
        text.charCodeAt(e - 1) === esc &&
        (e - 1 === from || text.charCodeAt(e - 2) !== esc);
      segments.push({ at: logical.length, line, column: from - lineStart + 1, offset: from });
      logical += text.slice(from, continued ? e - 1 : ce);
      if (!continued || le >= text.length) {
        return { logical, segments, after: Math.min(next, text.length), afterLine: line + 1 };
      }
    }
    if (le >= text.length) break;
    from = next;
    lineStart = next;
    line++;
  }
  return { logical, segments, after: text.length, afterLine: line + 1 };
}

/** The Dockerfile line and column of a script offset, through its segments (sorted by `at`). */
export function mapOffset(
  segments: readonly Segment[],
  offset: number,
): { line: number; column: number; offset: number } | null {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.at <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return null;
  const s = segments[found]!;
  return { line: s.line, column: s.column + (offset - s.at), offset: s.offset + (offset - s.at) };
}
