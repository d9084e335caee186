import { type InstructionNode, print } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';
import { logicalLineMap } from '../../shellcheck/source-map.js';

/**
 * NoEmptyContinuation: an empty line inside a continued instruction (a future error). Reported
 * once per instruction, on the instruction's last line, where BuildKit's parser stands when it
 * warns; only the file's `# check=` directive configures it.
 *
 * @example
 * ```dockerfile
 * RUN apk add \
 *
 *     curl        # Empty continuation line (line 3)
 * ```
 */
export const noEmptyContinuation = defineRule(
  {
    id: 'NoEmptyContinuation',
    source: 'buildkit',
    severity: 'warning',
    description: 'Empty continuation lines will become errors in a future release',
    url: buildkitUrl('NoEmptyContinuation'),
    checkConfig: 'file',
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nRUN apk add \\\n\n    curl\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nRUN apk add \\\n    curl\n' },
    },
  },
  (ctx, report) => {
    const lines = ctx.tree.diagnostics
      .filter((d) => d.code === 'NoEmptyContinuation')
      .map((d) => d.position.offset);
    if (lines.length === 0) return;
    const text = print(ctx.tree);
    const done = new Set<InstructionNode>();
    for (const offset of lines) {
      const node = ctx.instructions.find(
        (n) => n.position && n.position.offset <= offset && offset < n.position.endOffset,
      );
      if (!node?.position || done.has(node)) continue;
      done.add(node);
      const { segments } = logicalLineMap(text, node.position, ctx.escape);
      const last = segments[segments.length - 1]!;
      const lineStart = last.offset - (last.column - 1);
      const at = { line: last.line, column: 1, offset: lineStart };
      report(
        { ...at, endLine: at.line, endColumn: 1, endOffset: lineStart },
        'Empty continuation line',
      );
    }
  },
);
