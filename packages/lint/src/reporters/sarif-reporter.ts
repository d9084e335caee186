import { allRules } from '../rules/all-rules.js';
import type { ReportedFile } from './text-reporter.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * SARIF 2.1.0 for code scanning: one run, the tool's rules, one result per finding with a
 * physical location (artifact URI and region).
 */
export function formatSarif(
  files: readonly ReportedFile[],
  tool: { name: string; version: string } = { name: 'dockwright', version: '0.0.0' },
): string {
  const rules = allRules.map((r) => ({
    id: r.meta.id,
    shortDescription: { text: r.meta.description },
    ...(r.meta.url ? { helpUri: r.meta.url } : {}),
    defaultConfiguration: { level: LEVEL[r.meta.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: file.replace(/\\/g, '/') },
            region: {
              startLine: f.position.start.line,
              startColumn: f.position.start.column,
              endLine: f.position.end.line,
              endColumn: f.position.end.column,
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
