import { describe, expect, it } from 'vitest';
import type { Finding } from '../types.js';
import { escapeTerminal } from './escape-terminal.js';
import { formatText } from './text-reporter.js';

function finding(line: number, column: number, message = 'm'): Finding {
  return {
    ruleId: 'R',
    severity: 'warning',
    message,
    position: { line, column, offset: 0, endLine: line, endColumn: column, endOffset: 0 },
  } as Finding;
}

describe('escapeTerminal', () => {
  it.each([
    ['RUN echo \x1b[31mred\x1b[0m', 'RUN echo \\x1b[31mred\\x1b[0m'],
    ['a\rb', 'a\\rb'],
    ['a\tb\nc', 'a\tb\nc'],
    ['\0\x07\x7f', '\\x00\\x07\\x7f'],
    ['\u009b2J', '\\u009b2J'],
    ['admin\u202e\u2066', 'admin\\u202e\\u2066'],
    ['caf\udce9', 'caf\\xe9'],
    ['\ud800x', '\\ud800x'],
    ['😀 é ü 日本', '😀 é ü 日本'],
  ])('%j → %j', (input, expected) => {
    expect(escapeTerminal(input)).toBe(expected);
  });
});

describe('formatText', () => {
  it('escapes control characters in the file name, the message and the code frame', () => {
    const text = 'FROM a\nRUN echo \x1b]0;pwned\x07 \x1b[2J\n';
    const out = formatText([
      { file: 'x\x1b[31m/Dockerfile', text, findings: [finding(2, 5, 'bad \x1b[1m')] },
    ]);
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(out).toContain('x\\x1b[31m/Dockerfile:2:5: warning R: bad \\x1b[1m\n');
    expect(out).toContain('    2 | RUN echo \\x1b]0;pwned\\x07 \\x1b[2J\n');
  });

  it('puts the caret under the column after escapes and tabs', () => {
    const text = 'FROM a\n\tRUN \x1b x\n';
    const out = formatText([{ file: 'D', text, findings: [finding(2, 8)] }]);
    expect(out).toContain(`    2 | \tRUN \\x1b x\n      | \t${' '.repeat(9)}^\n`);
  });

  it('shows a window of a long line around the column', () => {
    const long = `RUN ${'a'.repeat(5_000_000)} b`;
    const out = formatText([
      { file: 'D', text: `FROM a\n${long}\n`, findings: [finding(2, 2_000_000)] },
    ]);
    expect(out.length).toBeLessThan(1000);
    const [, frame, caret] = out.split('\n');
    expect(frame).toBe(`    2 | …${'a'.repeat(160)}…`);
    expect(caret).toBe(`      | ${' '.repeat(81)}^`);
  });

  it('cuts a long message and says how much is left out', () => {
    const out = formatText([
      { file: 'D', text: 'FROM a\n', findings: [finding(1, 1, 'x'.repeat(10_000))] },
    ]);
    expect(out).toContain(`: ${'x'.repeat(500)}… (9500 more characters)\n`);
  });

  it('prints one line for files without findings', () => {
    expect(formatText([{ file: 'D', text: 'FROM a\n', findings: [] }])).toBe(
      'No problems in 1 file\n',
    );
  });
});
