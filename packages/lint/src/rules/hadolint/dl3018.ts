import { defineRule, hadolintUrl } from '../../define-rule.js';
import { unpinnedInstalls } from '../../internal/unpinned-installs.js';

/**
 * DL3018: Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`
 *
 * @example
 * ```dockerfile
 * RUN apk add curl
 * ```
 */
export const dl3018 = defineRule(
  {
    id: 'DL3018',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`',
    url: hadolintUrl('DL3018'),
  },
  (ctx, report) => {
    const message =
      'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`';
    const unpinned = unpinnedInstalls(ctx, {
      command: ['apk', 'add'],
      valueFlags: ['t', 'virtual', 'repository', 'X'],
      pinned: (p) => p.includes('=') || p.includes('~') || p.endsWith('.apk'),
    });
    for (const run of unpinned) report(run.node, message);
  },
);
