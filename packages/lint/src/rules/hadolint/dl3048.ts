import { defineRule, hadolintUrl } from '../../define-rule.js';
import { labelPairs } from './labels.js';

/** Lower-case letters, digits, `.`, `_`, `/` and `-`, from a letter to a letter or digit. */
const KEY = /^[a-z](?:[0-9a-z._/-]*[a-z0-9])?$/;

/** Namespaces Docker keeps for itself. */
const RESERVED_NAMESPACES = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

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
    keywords: ['LABEL'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nLABEL Version=1.0\n' },
      notReported: { dockerfile: 'FROM debian:12\nLABEL org.opencontainers.image.version=1.0\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('LABEL')) {
      if (labelPairs(ctx, n).some((p) => !validKey(p.key))) report(n, MESSAGE);
    }
  },
);

function validKey(key: string): boolean {
  return (
    KEY.test(key) &&
    !RESERVED_NAMESPACES.some((ns) => key.startsWith(ns)) &&
    !key.includes('..') &&
    !key.includes('--')
  );
}
