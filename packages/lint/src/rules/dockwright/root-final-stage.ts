import { unquote } from '@dockwright/ast';
import { defineRule } from '../../define-rule.js';
import { isRootUser } from '../../internal/root-user.js';
import type { Stage } from '../../rule-context.js';

/**
 * dockwright/root-final-stage: the image the build produces (the last stage) runs as root,
 * because it never sets USER (nor does a stage it builds on) or its last USER is root or 0.
 *
 * @example
 * ```dockerfile
 * FROM node:22-slim
 * CMD ["node", "server.js"]   # no USER: the container runs as root
 * ```
 */
export const rootFinalStage = defineRule(
  {
    id: 'dockwright/root-final-stage',
    source: 'dockwright',
    severity: 'warning',
    description: 'The final stage should switch to a non-root USER',
    sameProblemAs: { DL3002: 'here' },
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nCMD ["sh"]\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nUSER app\n' },
    },
  },
  (ctx, report) => {
    const last = ctx.stages[ctx.stages.length - 1];
    if (!last) return;
    let user: { node: import('@dockwright/ast').InstructionNode; value: string } | null = null;
    for (let s: Stage | null = last; s && !user; s = s.parent) {
      for (const n of s.instructions) {
        if (n.keyword === 'USER') user = { node: n, value: unquote(n.args[0] ?? '', ctx.escape) };
      }
    }
    if (!user) {
      report(
        last.from,
        'The final stage runs as root: add a USER instruction with a non-root user',
      );
    } else if (isRootUser(user.value)) {
      report(
        user.node,
        `The final stage runs as root (USER ${user.value}): switch to a non-root user`,
      );
    }
  },
);
