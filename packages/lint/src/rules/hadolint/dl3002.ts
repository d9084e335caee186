import type { InstructionNode } from '@dockwright/ast';
import { unquote } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { isRootUser } from '../../internal/root-user.js';

/**
 * DL3002: Last USER should not be root.
 *
 * @example
 * ```dockerfile
 * USER root
 * ```
 */
export const dl3002 = defineRule(
  {
    id: 'DL3002',
    source: 'hadolint',
    severity: 'warning',
    description: 'Last USER should not be root.',
    url: hadolintUrl('DL3002'),
  },
  (ctx, report) => {
    const message = 'Last USER should not be root.';
    for (const stage of ctx.stages) {
      let lastUser: InstructionNode | null = null;
      for (const n of stage.instructions) if (n.keyword === 'USER') lastUser = n;
      if (lastUser && isRootUser(unquote(lastUser.args[0] ?? '', ctx.escape)))
        report(lastUser, message);
    }
  },
);
