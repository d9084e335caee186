import type { DockerfileNode } from '@dockwright/ast';

/**
 * hadolint's inline pragmas, read as hadolint's `Hadolint.Pragma` reads them:
 *
 * - `# hadolint ignore=DL3008,SC2086` silences those rules on the next line;
 * - `# hadolint stage ignore=…` silences them after the next line, up to the next FROM;
 * - `# hadolint global ignore=…` silences them in the whole file;
 * - `# hadolint shell=bash` sets the shell ShellCheck checks RUN scripts as.
 *
 * A rule list is rule codes (`D`, `L`, `S`, `C` and digits) separated by commas with optional
 * blanks; a `# comment` may follow. Anything else makes the whole pragma void, as in hadolint:
 * `ignore=crazy,DL3002` ignores nothing.
 */
export interface HadolintPragmas {
  /** Codes ignored on a line (the line after the pragma). */
  readonly byLine: ReadonlyMap<number, ReadonlySet<string>>;
  /** Stage pragmas and FROM lines, by line: the last entry before a line applies to it. */
  readonly byStage: readonly { readonly line: number; readonly codes: ReadonlySet<string> }[];
  readonly global: ReadonlySet<string>;
}

/**
 * The rule codes of `# hadolint ignore=…` (the text after `#`), or null when the comment is no
 * such pragma.
 *
 * @example
 * ```ts
 * parseIgnorePragma('hadolint ignore=DL3002 # why') // ['DL3002']
 * parseIgnorePragma('hadolint ignore=crazy,DL3002') // null
 * ```
 */
export function parseIgnorePragma(comment: string): string[] | null {
  const m = /^[ \t]*hadolint[ \t]+ignore[ \t]*=[ \t]*(.*)$/s.exec(comment);
  return m ? ruleList(m[1]!) : null;
}

/** The codes of `# hadolint global ignore=…`, or null. */
export function parseGlobalIgnorePragma(comment: string): string[] | null {
  const m = /^[ \t]*hadolint[ \t]+global[ \t]+ignore[ \t]*=[ \t]*(.*)$/s.exec(comment);
  return m ? ruleList(m[1]!) : null;
}

/** The codes of `# hadolint stage ignore=…`, or null. */
export function parseStageIgnorePragma(comment: string): string[] | null {
  const m = /^[ \t]*hadolint[ \t]+stage[ \t]+ignore[ \t]*=[ \t]*(.*)$/s.exec(comment);
  return m ? ruleList(m[1]!) : null;
}

/** The shell of `# hadolint shell=…`, or null. */
export function parseShellPragma(comment: string): string | null {
  const m = /^[ \t]*hadolint[ \t]+shell[ \t]*=[ \t]*([^\n\t ]+)[ \t]*(?:#.*)?$/s.exec(comment);
  return m ? m[1]! : null;
}

/**
 * `CODE (, CODE)*` where each code may be followed by blanks and a `# comment` running to the end
 * (megaparsec's `sepBy1 (code <* inlineComment) (spaces "," spaces)` with nothing left over).
 */
function ruleList(text: string): string[] | null {
  const codes: string[] = [];
  let i = 0;
  for (;;) {
    const m = /^[DLSC0-9]+/.exec(text.slice(i));
    if (!m) return null;
    codes.push(m[0]);
    i += m[0].length;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '#') return text.indexOf('\n', i) < 0 ? codes : null;
    if (i === text.length) return codes;
    if (text[i] !== ',') return null;
    i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
  }
}

/** Every hadolint pragma of a file, or null when it has none. */
export function hadolintPragmas(tree: DockerfileNode): HadolintPragmas | null {
  let byLine: Map<number, Set<string>> | null = null;
  let global: Set<string> | null = null;
  /** Stage pragmas by the line they start at; the last one written for a line is kept. */
  let stagePragmas: Map<number, ReadonlySet<string>> | null = null;
  const fromLines: number[] = [];
  // By index: `for…of` over the tree's frozen array allocates per element on Node 20.
  const children = tree.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.type === 'instruction') {
      if (c.keyword === 'FROM' && c.position) fromLines.push(c.position.line);
      continue;
    }
    // Every pragma names hadolint: a comment that does not is none (most comments).
    if (c.type !== 'comment' || !c.position || !c.text.includes('hadolint')) continue;
    const line = c.position.line;
    const ignore = parseIgnorePragma(c.text);
    if (ignore) {
      // hadolint keys a pragma by the next line and keeps the last one written for a line.
      byLine ??= new Map();
      byLine.set(line + 1, new Set(ignore));
      continue;
    }
    const stage = parseStageIgnorePragma(c.text);
    if (stage) {
      stagePragmas ??= new Map();
      stagePragmas.set(line + 1, new Set(stage));
      continue;
    }
    const all = parseGlobalIgnorePragma(c.text);
    if (all) {
      global ??= new Set();
      for (const code of all) global.add(code);
    }
  }
  if (!byLine && !stagePragmas && !global) return null;
  return {
    byLine: byLine ?? NO_LINES,
    byStage: stagePragmas ? stageRanges(stagePragmas, fromLines) : [],
    global: global ?? NO_CODES,
  };
}

const NO_CODES: ReadonlySet<string> = new Set();
const NO_LINES: ReadonlyMap<number, ReadonlySet<string>> = new Map();

/**
 * Stage pragmas and FROM lines in line order: a FROM starts a stage with nothing ignored,
 * unless a stage pragma sits right above it (without stage pragmas, nothing is ignored by
 * stage and FROM lines do not matter).
 */
function stageRanges(
  pragmas: ReadonlyMap<number, ReadonlySet<string>>,
  fromLines: readonly number[],
): { line: number; codes: ReadonlySet<string> }[] {
  const ranges: { line: number; codes: ReadonlySet<string> }[] = [];
  const seen = new Set<number>();
  for (const line of fromLines) {
    if (pragmas.has(line) || seen.has(line)) continue;
    seen.add(line);
    ranges.push({ line, codes: NO_CODES });
  }
  for (const [line, codes] of pragmas) ranges.push({ line, codes });
  return ranges.sort((a, b) => a.line - b.line);
}

/** Whether the pragmas silence `code` for a finding on `line` (its instruction's first line). */
export function isIgnored(pragmas: HadolintPragmas, code: string, line: number): boolean {
  if (pragmas.global.has(code)) return true;
  if (pragmas.byLine.get(line)?.has(code)) return true;
  let stage: ReadonlySet<string> | null = null;
  for (const s of pragmas.byStage) {
    if (s.line >= line) break;
    stage = s.codes;
  }
  return stage?.has(code) ?? false;
}
