import { defineRule, hadolintUrl } from '../../define-rule.js';
import { runScriptOf } from '../../internal/run-scripts.js';

/**
 * DL3059: Multiple consecutive `RUN` instructions. Consider consolidation.
 *
 * @example
 * ```dockerfile
 * RUN apt-get update
 * RUN apt-get install -y curl
 * ```
 */
export const dl3059 = defineRule(
  {
    id: 'DL3059',
    source: 'hadolint',
    severity: 'info',
    description: 'Multiple consecutive `RUN` instructions. Consider consolidation.',
    url: hadolintUrl('DL3059'),
  },
  (ctx, report) => {
    const message = 'Multiple consecutive `RUN` instructions. Consider consolidation.';
    let previous: { flags: string; count: number } | null = null;
    for (const child of ctx.tree.children) {
      if (child.type === 'comment') continue;
      if (child.type !== 'instruction' || child.keyword !== 'RUN') {
        previous = null;
        continue;
      }
      const flags = child.flags.map((f) => `${f.name}=${f.value}`).join(' ');
      const count = runScriptOf(ctx, child).script.commands.length;
      if (previous && previous.flags === flags && count <= 2 && previous.count <= 2)
        report(child, message);
      previous = { flags, count };
    }
  },
);
