import { allRules } from '../rules/all-rules.js';
import { shellcheckUrl } from '../shellcheck/shellcheck-findings.js';
import { STDIN_NAME, STDIN_URI } from './stdin-name.js';
import type { ReportedFile } from './text-reporter.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', style: 'note' } as const;

interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: string; readonly enabled?: boolean };
}

/**
 * SARIF 2.1.0 for code scanning: one run, the tool's rules, one result per finding with a
 * physical location (artifact URI and region). Paths become relative URI references
 * (`\` to `/`, each segment percent-encoded); standard input ({@link STDIN_NAME}) is `stdin`.
 *
 * @example
 * ```ts
 * formatSarif([{ file: 'web/Dockerfile', text, findings: lint(text) }], { name: 'dockwright', version: '1.0.0' })
 * ```
 */
export function formatSarif(
  files: readonly ReportedFile[],
  tool: { name: string; version: string } = { name: 'dockwright', version: '0.0.0' },
): string {
  const rules: SarifRule[] = allRules.map((r) => ({
    id: r.meta.id,
    shortDescription: { text: r.meta.description },
    ...(r.meta.url ? { helpUri: r.meta.url } : {}),
    defaultConfiguration:
      r.meta.severity === 'off'
        ? { level: 'note', enabled: false }
        : { level: LEVEL[r.meta.severity] },
  }));
  // ShellCheck's codes are not rules of this tool: each one found gets an entry.
  for (const { findings } of files) {
    for (const f of findings) {
      if (!/^SC[0-9]+$/.test(f.ruleId) || rules.some((r) => r.id === f.ruleId)) continue;
      rules.push({
        id: f.ruleId,
        shortDescription: { text: `ShellCheck ${f.ruleId}` },
        helpUri: shellcheckUrl(f.ruleId),
        defaultConfiguration: { level: LEVEL[f.severity] },
      });
    }
  }
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      ...(f.alsoRuleIds ? { properties: { alsoRuleIds: f.alsoRuleIds } } : {}),
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(file) },
            region: {
              startLine: f.position.line,
              startColumn: f.position.column,
              endLine: f.position.endLine,
              endColumn: f.position.endColumn,
            },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: 'https://github.com/dockwright/dockwright',
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function artifactUri(file: string): string {
  if (file === STDIN_NAME) return STDIN_URI;
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}
