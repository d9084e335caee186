import { defineRule, hadolintUrl } from '../../define-rule.js';
import { unpinnedInstalls } from '../../internal/unpinned-installs.js';

/**
 * DL3008: Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`
 *
 * @example
 * ```dockerfile
 * RUN apt-get install -y curl
 * ```
 */
export const dl3008 = defineRule(
  {
    id: 'DL3008',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`',
    url: hadolintUrl('DL3008'),
  },
  (ctx, report) => {
    const message =
      'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`';
    const unpinned = unpinnedInstalls(ctx, {
      command: ['apt-get', 'install'],
      valueFlags: ['t', 'target-release'],
      pinned: (p) => p.includes('=') || p.includes('/') || p.endsWith('.deb'),
    });
    for (const run of unpinned) report(run.node, message);
  },
);
