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
    let done: Set<InstructionNode> | null = null;
    const { diagnostics } = ctx.tree;
    for (let i = 0; i < diagnostics.length; i++) {
      const d = diagnostics[i]!;
      if (d.code !== 'NoEmptyContinuation') continue;
      const offset = d.position.offset;
      const node = ctx.instructions.find(
        (n) => n.position && n.position.offset <= offset && offset < n.position.endOffset,
      );
      if (!node?.position) continue;
      done ??= new Set();
      if (done.has(node)) continue;
      done.add(node);
      // The logical line is read from the node's own text (its indent, keyword and every
      // continuation line), which starts `indent` characters before the keyword.
      const { position } = node;
      const indent = node.raws?.indent.length ?? 0;
      const start = { offset: indent, line: position.line, column: position.column };
      const { segments } = logicalLineMap(print(node), start, ctx.escape);
      const last = segments[segments.length - 1]!;
      const lineStart = position.offset - indent + last.offset - (last.column - 1);
      const at = {
        line: last.line,
        column: 1,
        offset: lineStart,
        endLine: last.line,
        endColumn: 1,
        endOffset: lineStart,
      };
      report(at, 'Empty continuation line');
    }
  },
);
