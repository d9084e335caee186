import type { InstructionNode } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';

const SINGLE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

/**
 * MultipleInstructionsDisallowed: only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage
 * counts; the earlier ones are reported.
 *
 * @example
 * ```dockerfile
 * CMD ["a"]   # Multiple CMD instructions should not be used in the same stage because only the last one will be used
 * CMD ["b"]
 * ```
 */
export const multipleInstructionsDisallowed = defineRule(
  {
    id: 'MultipleInstructionsDisallowed',
    source: 'buildkit',
    severity: 'warning',
    description: 'Multiple instructions of the same type should not be used in the same stage',
    url: buildkitUrl('MultipleInstructionsDisallowed'),
    keywords: ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]\n' },
    },
  },
  (ctx, report) => {
    for (const stage of ctx.stages) {
      let last: Map<string, InstructionNode> | null = null;
      for (const n of stage.instructions) {
        if (!SINGLE.includes(n.keyword)) continue;
        last ??= new Map();
        const previous = last.get(n.keyword);
        if (previous) {
          // BuildKit reports the overridden one, configured by the one that overrides it.
          report(
            previous,
            `Multiple ${n.keyword} instructions should not be used in the same stage because only the last one will be used`,
            undefined,
            n,
          );
        }
        last.set(n.keyword, n);
      }
    }
  },
);
