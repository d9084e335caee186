import { utf8Length } from '../syntax/utf8-length.js';

/**
 * One CSV record as `github.com/tonistiigi/go-csvvalue` reads it (BuildKit parses `--mount` and
 * `--device` values with it): fields split on `,`; a field that starts with `"` is quoted and
 * `""` inside it is a literal quote; a quote anywhere else is an error. Leading spaces are kept.
 * One trailing newline is allowed. Errors are worded like Go's `csv.ParseError` (column is the
 * 1-based byte offset).
 *
 * @example
 * ```ts
 * parseCsv('type=bind,"source=a,b"') // { fields: ['type=bind', 'source=a,b'] }
 * parseCsv('a"b') // { error: 'parse error on line 1, column 2: bare " in non-quoted-field' }
 * ```
 */
export function parseCsv(line: string): { fields: string[] } | { error: string } {
  let s = line;
  if (s.endsWith('\r\n')) s = s.slice(0, -2);
  else if (s.endsWith('\n')) s = s.slice(0, -1);
  // Go's csv reader returns io.EOF for an empty record.
  if (s.length === 0) return { error: 'EOF' };
  const fields: string[] = [];
  let i = 0;
  const n = s.length;
  for (;;) {
    if (i >= n || s[i] !== '"') {
      // Non-quoted field.
      let end = s.indexOf(',', i);
      if (end < 0) end = n;
      const field = s.slice(i, end);
      const q = field.indexOf('"');
      if (q >= 0) return { error: csvError(s, i + q, 'bare " in non-quoted-field') };
      fields.push(field);
      if (end === n) return { fields };
      i = end + 1;
      continue;
    }
    // Quoted field.
    let field = '';
    i++;
    for (;;) {
      const q = s.indexOf('"', i);
      if (q < 0) return { error: csvError(s, i, 'extraneous or missing " in quoted-field') };
      field += s.slice(i, q);
      i = q + 1;
      if (i < n && s[i] === '"') {
        field += '"';
        i++;
        continue;
      }
      if (i >= n) {
        fields.push(field);
        return { fields };
      }
      if (s[i] === ',') {
        fields.push(field);
        i++;
        break;
      }
      return { error: csvError(s, i - 1, 'extraneous or missing " in quoted-field') };
    }
  }
}

function csvError(s: string, index: number, reason: string): string {
  return `parse error on line 1, column ${utf8Length(s, 0, index) + 1}: ${reason}`;
}
