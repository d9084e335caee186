import { parse } from '@dockwright/ast';
import type { Finding, LintOptions } from '../src/types.js';

/**
 * A rule specification: Markdown that reads as documentation and runs as a test. Each `##`
 * section is one case: a Dockerfile, the findings expected for it, and optionally the findings
 * expected when every RUN is wrapped in ONBUILD (as hadolint's spec helpers wrap them), the
 * options it needs, and the text `--fix` makes of it.
 *
 * ````markdown
 * # DL3008
 *
 * ```json options
 * { "trustedRegistries": ["docker.io"] }      <- for every case of the file
 * ```
 *
 * ## pins nothing
 *
 * ```Dockerfile
 * RUN apt-get install python
 * ```
 *
 * ```findings
 * 1:1 warning DL3008: Pin versions in apt get install. …
 * ```
 *
 * ```findings onbuild
 * 1:1 warning DL3008: Pin versions in apt get install. …
 * ```
 * ````
 *
 * A findings line is `line:column severity id: message`; merged findings name every id
 * (`WorkdirRelativePath+DL3000`). An empty findings block expects none.
 */
export interface SpecFile {
  readonly title: string;
  readonly options: LintOptions;
  readonly cases: readonly SpecCase[];
}

export interface SpecCase {
  readonly title: string;
  /** 1-based line of the case heading, for failure messages. */
  readonly line: number;
  readonly dockerfile: string;
  readonly options: LintOptions;
  /** Expected findings of the Dockerfile as written, or null when not checked. */
  readonly findings: readonly string[] | null;
  /** Expected findings with every RUN wrapped in ONBUILD, or null when not checked. */
  readonly onbuild: readonly string[] | null;
  /** The text `--fix` should make of the Dockerfile, or null when not checked. */
  readonly fixed: string | null;
  /** The `.dockerignore` next to the Dockerfile. */
  readonly dockerignore: string | null;
}

const FENCE = /^```(\S*)(?:[ \t]+(\S+))?[ \t]*$/;

/** Parses a spec file; throws with the line on a malformed one. */
export function parseSpecFile(text: string, name: string): SpecFile {
  const lines = text.split('\n');
  let title = '';
  let fileOptions: LintOptions = {};
  const cases: SpecCase[] = [];
  let current: {
    title: string;
    line: number;
    dockerfile: string | null;
    options: LintOptions;
    findings: string[] | null;
    onbuild: string[] | null;
    fixed: string | null;
    dockerignore: string | null;
  } | null = null;
  const finish = (): void => {
    if (!current) return;
    if (current.dockerfile === null) {
      throw new Error(`${name}:${current.line}: case "${current.title}" has no Dockerfile block`);
    }
    if (current.findings === null && current.onbuild === null && current.fixed === null) {
      throw new Error(`${name}:${current.line}: case "${current.title}" expects nothing`);
    }
    cases.push({
      title: current.title,
      line: current.line,
      dockerfile: current.dockerfile,
      options: { ...fileOptions, ...current.options },
      findings: current.findings,
      onbuild: current.onbuild,
      fixed: current.fixed,
      dockerignore: current.dockerignore,
    });
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('# ') && title === '') {
      title = line.slice(2).trim();
      continue;
    }
    if (line.startsWith('## ')) {
      finish();
      current = {
        title: line.slice(3).trim(),
        line: i + 1,
        dockerfile: null,
        options: {},
        findings: null,
        onbuild: null,
        fixed: null,
        dockerignore: null,
      };
      continue;
    }
    const fence = FENCE.exec(line);
    if (!fence || fence[1] === '') continue;
    const [, lang, tag] = fence;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`${name}:${i}: unterminated code block`);
    const content = body.join('\n');
    if (lang === 'json' && tag === 'options') {
      const options = JSON.parse(content) as LintOptions;
      if (current) current.options = options;
      else fileOptions = options;
      continue;
    }
    if (!current) continue;
    if (lang === 'Dockerfile' && tag === undefined) current.dockerfile = content;
    else if (lang === 'Dockerfile' && tag === 'fixed') current.fixed = content;
    else if (lang === 'dockerignore') current.dockerignore = content;
    else if (lang === 'findings' && tag === undefined) current.findings = body;
    else if (lang === 'findings' && tag === 'onbuild') current.onbuild = body;
    else throw new Error(`${name}:${i}: unknown block \`\`\`${lang} ${tag ?? ''}`);
  }
  finish();
  return { title, options: fileOptions, cases };
}

/** A finding as a findings line: `2:1 warning DL3008: Pin versions …`. */
export function formatFinding(f: Finding): string {
  const ids = [f.ruleId, ...(f.alsoRuleIds ?? [])].join('+');
  return `${f.position.line}:${f.position.column} ${f.severity} ${ids}: ${f.message}`;
}

/**
 * The Dockerfile with every RUN instruction wrapped in ONBUILD, as hadolint's
 * `assertOnBuildChecks` wraps them (lines and the RUNs' columns stay as they were, shifted by
 * `ONBUILD `).
 */
export function wrapRunsInOnbuild(text: string): string {
  const tree = parse(text);
  let out = '';
  let at = 0;
  for (const c of tree.children) {
    if (c.type !== 'instruction' || c.keyword !== 'RUN' || !c.position) continue;
    const offset = c.position.offset;
    out += `${text.slice(at, offset)}ONBUILD `;
    at = offset;
  }
  return out + text.slice(at);
}
