import { messageWithIds } from './ids.js';
import type { ReportedFile } from './text-reporter.js';

/**
 * Checkstyle XML, as hadolint writes it (`--format checkstyle`): one `<file>` per Dockerfile
 * (also those without findings), one `<error>` per finding with its line, column, severity
 * (`error`, `warning`, `info`, `style`), message and rule id as `source`.
 *
 * @example
 * ```ts
 * formatCheckstyle([{ file: 'Dockerfile', text, findings }])
 * // <?xml version="1.0" encoding="UTF-8"?>
 * // <checkstyle version="4.3"><file name="Dockerfile"><error column="1" line="2" … /></file></checkstyle>
 * ```
 */
export function formatCheckstyle(files: readonly ReportedFile[]): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n';
  for (const { file, findings } of files) {
    if (findings.length === 0) {
      out += `  <file name="${attr(file)}"/>\n`;
      continue;
    }
    out += `  <file name="${attr(file)}">\n`;
    for (const f of findings) {
      out += `    <error column="${f.position.column}" line="${f.position.line}" message="${attr(messageWithIds(f))}" severity="${f.severity}" source="${attr(f.ruleId)}"/>\n`;
    }
    out += '  </file>\n';
  }
  return `${out}</checkstyle>\n`;
}

/** An XML attribute value: markup and quotes escaped, line breaks kept as character references. */
function attr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd');
}
