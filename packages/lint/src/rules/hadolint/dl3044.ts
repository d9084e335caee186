import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsOf } from '../../internal/views.js';

const MESSAGE =
  'Do not refer to an environment variable within the same `ENV` statement where it is defined.';

/**
 * DL3044: `ENV A=1 B=$A` reads the A from before this ENV (empty the first time), not the
 * one it sets. Fine once an earlier ENV or ARG defined it, and for a variable extending itself
 * (`PATH=/x:$PATH`).
 */
export const dl3044 = defineRule(
  {
    id: 'DL3044',
    source: 'hadolint',
    severity: 'error',
    description:
      'Do not refer to an environment variable within the same `ENV` statement where it is defined.',
    url: hadolintUrl('DL3044'),
    keywords: ['ENV'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nENV APP=/app BIN=$APP/bin\n' },
      notReported: { dockerfile: 'FROM debian:12\nENV APP=/app\nENV BIN=$APP/bin\n' },
    },
  },
  (ctx, report) => {
    const defined = new Set<string>();
    for (const n of ctx.instructions) {
      if (n.keyword === 'ARG') {
        for (const d of argsOf(ctx, n)) defined.add(d.name);
        continue;
      }
      if (n.keyword !== 'ENV') continue;
      // The pairs are `key, value, sep` triplets: a key not defined before, that another
      // pair's value refers to.
      const args = n.args;
      let bad = false;
      for (let i = 0; !bad && i + 2 < args.length; i += 3) {
        const key = args[i]!;
        if (defined.has(key)) continue;
        for (let j = 0; !bad && j + 2 < args.length; j += 3) {
          bad = j !== i && references(args[j + 1]!, key);
        }
      }
      for (let i = 0; i + 2 < args.length; i += 3) defined.add(args[i]!);
      if (bad) report(n, MESSAGE);
    }
  },
);

/** `${name}` or `$name` not followed by a name character. */
function references(text: string, name: string): boolean {
  if (text.includes(`\${${name}}`)) return true;
  const bare = `$${name}`;
  let at = text.indexOf(bare);
  while (at >= 0) {
    if (!/[A-Za-z0-9_]/.test(text[at + bare.length] ?? '')) return true;
    at = text.indexOf(bare, at + 1);
  }
  return false;
}
