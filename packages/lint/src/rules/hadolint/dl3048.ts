import { defineRule, hadolintUrl } from '../../define-rule.js';
import { labelPairs } from './labels.js';

const MESSAGE = 'Invalid label key.';

/**
 * DL3048 (style): a label key outside Docker's conventions: lower-case letters, digits, `.`,
 * `-`, `_` and `/`, starting with a letter and ending with a letter or digit, no `..` or `--`,
 * and not in the namespaces Docker reserves (`com.docker.`, `io.docker.`, `org.dockerproject.`).
 */
export const dl3048 = defineRule(
  {
    id: 'DL3048',
    source: 'hadolint',
    severity: 'style',
    description: 'Invalid Label Key',
    url: hadolintUrl('DL3048'),
    examples: {
      reported: { dockerfile: 'FROM debian:12\nLABEL Version=1.0\n' },
      notReported: { dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.version=1.0\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructions) {
      if (n.keyword === 'LABEL' && labelPairs(ctx, n).some((p) => !validKey(p.key))) {
        report(n, MESSAGE);
      }
    }
  },
);

function validKey(key: string): boolean {
  return (
    /^[a-z]/.test(key) &&
    /[a-z0-9]$/.test(key) &&
    /^[0-9a-z._/-]*$/.test(key) &&
    !['com.docker.', 'io.docker.', 'org.dockerproject.'].some((ns) => key.startsWith(ns)) &&
    !key.includes('..') &&
    !key.includes('--')
  );
}
