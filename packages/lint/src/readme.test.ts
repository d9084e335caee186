import { describe, expect, it } from 'vitest';
import { applyFixes, format, formatSarif, formatText, lint, STDIN_NAME } from './index.js';

// The example at the top of README.md, kept honest.
describe('README example', () => {
  const text = 'FROM node:22 AS Build\nENV PORT 8080\nCMD node server.js\n';
  const findings = lint(text, { file: 'Dockerfile' });

  it('lints', () => {
    expect(findings.map((f) => [f.ruleId, ...(f.alsoRuleIds ?? [])])).toEqual([
      ['StageNameCasing'],
      ['dockwright/root-final-stage'],
      ['LegacyKeyValueFormat'],
      ['JSONArgsRecommended', 'DL3025'],
    ]);
  });

  it('reports text with a code frame', () => {
    expect(formatText([{ file: 'Dockerfile', text, findings }])).toMatch(
      /^Dockerfile:1:1: warning StageNameCasing: Stage name 'Build' should be lowercase\n {4}1 \| FROM node:22 AS Build\n {6}\| \^\n/,
    );
  });

  it('fixes and formats', () => {
    expect(applyFixes(text).output).toBe(
      'FROM node:22 AS build\nENV PORT=8080\nCMD ["node", "server.js"]\n',
    );
    expect(format('from  node:22\nrun   npm ci   \n\n\n\ncmd ["node","server.js"]')).toBe(
      'FROM node:22\nRUN npm ci\n\nCMD ["node", "server.js"]\n',
    );
  });

  it('writes stdin as <stdin> and as the SARIF URI stdin', () => {
    expect(STDIN_NAME).toBe('<stdin>');
    const sarif = JSON.parse(formatSarif([{ file: STDIN_NAME, text, findings }]));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'stdin',
    );
  });
});
