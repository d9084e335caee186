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

/** Every hadolint pragma of a file. */
export function hadolintPragmas(tree: DockerfileNode): HadolintPragmas {
  const byLine = new Map<number, Set<string>>();
  const byStage: { line: number; codes: ReadonlySet<string> }[] = [];
  const global = new Set<string>();
  const stageLines = new Set<number>();
  for (const c of tree.children) {
    const line = c.position?.line;
    if (line === undefined) continue;
    if (c.type === 'instruction') {
      // A FROM starts a stage with nothing ignored, unless a stage pragma sits right above it.
      if (c.keyword === 'FROM' && !stageLines.has(line)) {
        stageLines.add(line);
        byStage.push({ line, codes: new Set() });
      }
      continue;
    }
    if (c.type !== 'comment') continue;
    const ignore = parseIgnorePragma(c.text);
    if (ignore) {
      // hadolint keys a pragma by the next line and keeps the last one written for a line.
      byLine.set(line + 1, new Set(ignore));
      continue;
    }
    const stage = parseStageIgnorePragma(c.text);
    if (stage) {
      stageLines.add(line + 1);
      const at = byStage.findIndex((s) => s.line === line + 1);
      if (at >= 0) byStage.splice(at, 1);
      byStage.push({ line: line + 1, codes: new Set(stage) });
      continue;
    }
    const all = parseGlobalIgnorePragma(c.text);
    if (all) for (const code of all) global.add(code);
  }
  byStage.sort((a, b) => a.line - b.line);
  return { byLine, byStage, global };
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
