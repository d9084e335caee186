import { describe, expect, it } from 'vitest';
import { sha1Hex } from '../internal/sha1.js';
import { lint } from '../lint.js';
import { formatCheckstyle } from './checkstyle-reporter.js';
import { formatCodeclimate, formatGitlabCodeQuality } from './codeclimate-reporter.js';
import { formatReport, REPORT_FORMATS } from './format-report.js';
import { formatGnu } from './gnu-reporter.js';
import { formatJson } from './json-reporter.js';
import { formatSonarqube } from './sonarqube-reporter.js';
import { formatText, type ReportedFile } from './text-reporter.js';

const text = 'FROM debian\nWORKDIR app\nLABEL a="x&<y>" \\\n  b=1\nUSER app\n';
const files: ReportedFile[] = [
  { file: 'web/Dockerfile', text, findings: lint(text, { rules: { DL3066: 'style' } }) },
  { file: 'clean.Dockerfile', text: 'FROM debian:12\nUSER 1000\n', findings: [] },
];

describe('reporters', () => {
  it('has the findings this test reports', () => {
    expect(files[0]!.findings.map((f) => [f.ruleId, ...(f.alsoRuleIds ?? [])])).toEqual([
      ['DL3006'],
      ['WorkdirRelativePath', 'DL3000'],
      ['DL3066'],
    ]);
  });

  it('writes checkstyle as hadolint does, every file listed, attributes escaped', () => {
    expect(formatCheckstyle(files)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="web/Dockerfile">',
        '    <error column="1" line="1" message="Always tag the version of an image explicitly" severity="warning" source="DL3006"/>',
        '    <error column="1" line="2" message="Relative workdir &quot;app&quot; can have unexpected results if the base image changes (also DL3000)" severity="error" source="WorkdirRelativePath"/>',
        '    <error column="1" line="5" message="Non-numeric user-id may not be resolvable by host system" severity="style" source="DL3066"/>',
        '  </file>',
        '  <file name="clean.Dockerfile"/>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
    expect(formatCheckstyle([{ file: 'a"<&>.txt', text: '', findings: [] }])).toContain(
      '<file name="a&quot;&lt;&amp;&gt;.txt"/>',
    );
  });

  it('writes Code Climate issues separated by NUL bytes', () => {
    const issues = formatCodeclimate(files).split('\u0000');
    expect(issues.pop()).toBe('');
    expect(issues.map((i) => JSON.parse(i))).toEqual([
      {
        type: 'issue',
        check_name: 'DL3006',
        description: 'Always tag the version of an image explicitly',
        categories: ['Bug Risk'],
        location: { path: 'web/Dockerfile', lines: { begin: 1, end: 1 } },
        severity: 'major',
      },
      {
        type: 'issue',
        check_name: 'WorkdirRelativePath',
        description:
          'Relative workdir "app" can have unexpected results if the base image changes (also DL3000)',
        categories: ['Bug Risk'],
        location: { path: 'web/Dockerfile', lines: { begin: 2, end: 2 } },
        severity: 'blocker',
      },
      {
        type: 'issue',
        check_name: 'DL3066',
        description: 'Non-numeric user-id may not be resolvable by host system',
        categories: ['Bug Risk'],
        location: { path: 'web/Dockerfile', lines: { begin: 5, end: 5 } },
        severity: 'minor',
      },
    ]);
  });

  it("writes GitLab's Code Quality report: one array, a SHA-1 fingerprint per issue", () => {
    const report = JSON.parse(formatGitlabCodeQuality(files)) as Record<string, unknown>[];
    expect(report).toHaveLength(3);
    for (const issue of report) {
      const { fingerprint, ...rest } = issue;
      expect(fingerprint).toBe(sha1Hex(JSON.stringify(rest)));
    }
    expect(new Set(report.map((i) => i.fingerprint)).size).toBe(3);
    expect(formatGitlabCodeQuality([])).toBe('[]\n');
  });

  it('writes SonarQube generic issues with 0-based columns', () => {
    const report = JSON.parse(formatSonarqube(files));
    expect(report.issues[1]).toEqual({
      engineId: 'dockwright',
      ruleId: 'WorkdirRelativePath',
      severity: 'CRITICAL',
      type: 'BUG',
      primaryLocation: {
        message:
          'Relative workdir "app" can have unexpected results if the base image changes (also DL3000)',
        filePath: 'web/Dockerfile',
        textRange: { startLine: 2, endLine: 2, startColumn: 0, endColumn: 11 },
      },
    });
    expect(report.issues.map((i: { severity: string }) => i.severity)).toEqual([
      'MAJOR',
      'CRITICAL',
      'INFO',
    ]);
    expect(JSON.parse(formatSonarqube([]))).toEqual({ issues: [] });
  });

  it('writes the GNU format', () => {
    expect(formatGnu(files)).toBe(
      [
        'dockwright:web/Dockerfile:1:1: DL3006 warning: Always tag the version of an image explicitly',
        'dockwright:web/Dockerfile:2:1: WorkdirRelativePath error: Relative workdir "app" can have unexpected results if the base image changes (also DL3000)',
        'dockwright:web/Dockerfile:5:1: DL3066 style: Non-numeric user-id may not be resolvable by host system',
        '',
      ].join('\n'),
    );
  });

  it('names every id in JSON', () => {
    const out = JSON.parse(formatJson(files));
    expect(out[1]).toMatchObject({ ruleId: 'WorkdirRelativePath', alsoRuleIds: ['DL3000'] });
    expect(out[0].alsoRuleIds).toBeUndefined();
  });

  it('says so in one line when the text report finds nothing', () => {
    expect(formatText([files[1]!])).toBe('No problems in 1 file\n');
    expect(formatText([files[1]!, files[1]!])).toBe('No problems in 2 files\n');
    expect(formatText([files[0]!])).toContain('error WorkdirRelativePath (DL3000):');
  });

  it('knows every format by name, hadolint’s tty included', () => {
    for (const format of REPORT_FORMATS) {
      expect(typeof formatReport(format, files)).toBe('string');
    }
    expect(formatReport('tty', files)).toBe(formatText(files));
  });
});
