import { sha1Hex } from '../internal/sha1.js';
import type { Finding, Severity } from '../types.js';
import { messageWithIds } from './ids.js';
import type { ReportedFile } from './text-reporter.js';

const IMPACT: Record<Severity, string> = {
  error: 'blocker',
  warning: 'major',
  info: 'info',
  style: 'minor',
};

interface Issue {
  readonly type: 'issue';
  readonly check_name: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly location: { readonly path: string; readonly lines: { begin: number; end: number } };
  readonly severity: string;
}

function issue(file: string, f: Finding): Issue {
  return {
    type: 'issue',
    check_name: f.ruleId,
    description: messageWithIds(f),
    categories: ['Bug Risk'],
    location: { path: file, lines: { begin: f.position.line, end: f.position.endLine } },
    severity: IMPACT[f.severity],
  };
}

/**
 * Code Climate's engine output, as hadolint writes it (`--format codeclimate`): one JSON issue per
 * finding, each followed by a NUL byte.
 */
export function formatCodeclimate(files: readonly ReportedFile[]): string {
  let out = '';
  for (const { file, findings } of files) {
    for (const f of findings) out += `${JSON.stringify(issue(file, f))}\u0000`;
  }
  return out;
}

/**
 * GitLab's Code Quality report, as hadolint writes it (`--format gitlab_codeclimate`): one JSON
 * array of Code Climate issues, each with a `fingerprint` (the SHA-1 of the issue), severities
 * `blocker` (error), `major` (warning), `info`, `minor` (style).
 *
 * @example
 * ```ts
 * formatGitlabCodeQuality([{ file: 'Dockerfile', text, findings }])
 * // [{"type":"issue","check_name":"DL3008",…,"fingerprint":"5d41…"}]
 * ```
 */
export function formatGitlabCodeQuality(files: readonly ReportedFile[]): string {
  const issues = files.flatMap(({ file, findings }) =>
    findings.map((f) => {
      const i = issue(file, f);
      return { ...i, fingerprint: sha1Hex(JSON.stringify(i)) };
    }),
  );
  return `${JSON.stringify(issues)}\n`;
}
