import type { InstructionNode } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';
import { legacyKeyValueFix } from '../../fixes/legacy-key-value.js';

/**
 * LegacyKeyValueFormat: `ENV key value` / `LABEL key value` should be `key=value`.
 *
 * @example
 * ```dockerfile
 * ENV PORT 8080   # "ENV key=value" should be used instead of legacy "ENV key value" format
 * ```
 */
export const legacyKeyValueFormat = defineRule(
  {
    id: 'LegacyKeyValueFormat',
    source: 'buildkit',
    severity: 'warning',
    description: 'Legacy key/value format with whitespace separator should not be used',
    url: buildkitUrl('LegacyKeyValueFormat'),
    fixable: true,
    keywords: ['ENV', 'LABEL', 'ONBUILD'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nENV PORT 8080\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nENV PORT=8080\n' },
    },
  },
  (ctx, report) => {
    const visit = (n: InstructionNode, top: InstructionNode | null): void => {
      if (n.keyword === 'ONBUILD' && n.trigger) visit(n.trigger, n);
      if (n.keyword !== 'ENV' && n.keyword !== 'LABEL') return;
      const legacy = n.args.length >= 3 && n.args[2] === '';
      if (!legacy) return;
      report(
        top ?? n,
        `"${n.keyword} key=value" should be used instead of legacy "${n.keyword} key value" format`,
        top ? undefined : () => legacyKeyValueFix(ctx, n),
      );
    };
    for (const n of ctx.instructions) visit(n, null);
  },
);
