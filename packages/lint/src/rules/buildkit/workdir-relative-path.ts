import { goQuote, unquote } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';
import type { Stage } from '../../rule-context.js';

/**
 * WorkdirRelativePath: a relative WORKDIR before any absolute one in the stage resolves
 * against whatever the base image set.
 *
 * @example
 * ```dockerfile
 * FROM alpine
 * WORKDIR app   # Relative workdir "app" can have unexpected results if the base image changes
 * ```
 */
export const workdirRelativePath = defineRule(
  {
    id: 'WorkdirRelativePath',
    source: 'buildkit',
    severity: 'warning',
    description:
      'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
    url: buildkitUrl('WorkdirRelativePath'),
    keywords: ['WORKDIR'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nWORKDIR app\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n' },
    },
  },
  (ctx, report) => {
    const workdirSet = new Map<Stage, boolean>();
    for (const stage of ctx.stages) {
      let set = stage.parent ? (workdirSet.get(stage.parent) ?? false) : false;
      for (const n of stage.instructions) {
        if (n.keyword !== 'WORKDIR') continue;
        const path = unquote(n.args[0] ?? '', ctx.escape);
        // Windows drive paths and variables are left alone (resolved at build time).
        const absolute =
          path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('$');
        if (!absolute && !set) {
          report(
            n,
            `Relative workdir ${goQuote(n.args[0] ?? '')} can have unexpected results if the base image changes`,
          );
        }
        set = true;
      }
      workdirSet.set(stage, set);
    }
  },
);
