import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsOf } from '../../internal/views.js';

const DIGITS = /^[0-9]*$/;

const MESSAGE = 'Non-numeric user-id may not be resolvable by host system';

/**
 * DL3066 (info): `USER name` needs the name in the image's /etc/passwd, and the host cannot map
 * it; a numeric UID (or one from an ARG) always works.
 */
export const dl3066 = defineRule(
  {
    id: 'DL3066',
    source: 'hadolint',
    severity: 'info',
    description: 'Non-numeric user-id may not be resolvable by host system',
    url: hadolintUrl('DL3066'),
    keywords: ['USER'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nUSER app\n' },
      notReported: { dockerfile: 'FROM debian:12\nUSER 10001:10001\n' },
    },
  },
  (ctx, report) => {
    const args = new Set<string>();
    for (const n of ctx.instructions) {
      if (n.keyword === 'ARG') {
        for (const d of argsOf(ctx, n)) args.add(d.name);
        continue;
      }
      if (n.keyword !== 'USER') continue;
      const user = n.args[0] ?? '';
      const uid = user.split(':')[0] ?? '';
      if (DIGITS.test(uid)) continue;
      if (refersToAny(user, args)) continue;
      report(n, MESSAGE);
    }
  },
);

/** Whether `user` refers to one of `args` (`${name}` or `$name`). */
function refersToAny(user: string, args: ReadonlySet<string>): boolean {
  if (user.indexOf('$') < 0) return false;
  for (const a of args) if (user.includes(`\${${a}}`) || user.includes(`$${a}`)) return true;
  return false;
}
