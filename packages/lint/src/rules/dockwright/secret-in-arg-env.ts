import type { InstructionNode } from '@dockwright/ast';
import { defineRule } from '../../define-rule.js';
import { varNames } from '../../internal/var-names.js';
import { argsOf, envPairsOf } from '../../internal/views.js';
import { isSecretName } from '../buildkit/secrets-used-in-arg-or-env.js';

/** Well-known credential shapes (provider prefixes and key material). */
const SECRET_VALUES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{22,}\b/, 'a GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\b[sr]k_live_[A-Za-z0-9]{16,}\b/, 'a Stripe secret key'],
  [/\bsk-[A-Za-z0-9_-]{32,}\b/, 'an API secret key'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JSON Web Token'],
  [/:\/\/[^/\s:@]+:[^/\s@$]+@/, 'a URL with a password'],
];

/** Any of the shapes. */
const ANY_SECRET_VALUE = new RegExp(SECRET_VALUES.map(([re]) => `(?:${re.source})`).join('|'));

/**
 * dockwright/secret-in-arg-env: a secret value written into an ARG default or an ENV value
 * (recognised by its shape, whatever the variable is called), or an ENV that copies a
 * secret-named ARG into the image's environment, where it stays in every container and in
 * `docker history`. BuildKit's SecretsUsedInArgOrEnv looks at names only.
 *
 * @example
 * ```dockerfile
 * ARG NPM_TOKEN
 * ENV NPM_CONFIG_TOKEN=$NPM_TOKEN   # persists the secret ARG NPM_TOKEN in the image
 * ```
 */
export const secretInArgEnv = defineRule(
  {
    id: 'dockwright/secret-in-arg-env',
    source: 'dockwright',
    severity: 'error',
    description:
      'Secrets must not be passed through ARG or ENV; use RUN --mount=type=secret instead',
    keywords: ['ARG', 'ENV'],
    examples: {
      reported: {
        dockerfile: 'FROM alpine:3.20\nENV GH=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n',
      },
      notReported: {
        dockerfile: 'FROM alpine:3.20\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm true\n',
      },
    },
  },
  (ctx, report) => {
    const shaped = (n: InstructionNode, name: string, value: string): boolean => {
      const shape = secretShape(value);
      if (shape === null) return false;
      report(
        n,
        `${n.keyword} ${name} holds what looks like ${shape}: pass it with RUN --mount=type=secret instead`,
      );
      return true;
    };
    let secretArgs: Set<string> | null = null;
    for (const n of ctx.instructions) {
      if (n.keyword === 'ARG') {
        for (const d of argsOf(ctx, n)) {
          if (isSecretName(d.name)) {
            secretArgs ??= new Set();
            secretArgs.add(d.name);
          }
          // The default, quotes removed.
          if (d.value !== null) shaped(n, d.name, d.value);
        }
      } else if (n.keyword === 'ENV') {
        for (const p of envPairsOf(ctx, n)) {
          if (shaped(n, p.key, p.value) || secretArgs === null) continue;
          const ref = firstIn(varNames(p.rawValue, ctx.escape), secretArgs);
          if (ref !== null) {
            report(
              n,
              `ENV ${p.key} copies the secret ARG ${ref} into the image environment: pass it with RUN --mount=type=secret instead`,
            );
          }
        }
      }
    }
  },
);

/** What a value looks like when it has a credential's shape, or null. */
function secretShape(value: string): string | null {
  // One scan rules out the common value that looks like none of them.
  if (!ANY_SECRET_VALUE.test(value)) return null;
  for (const [re, shape] of SECRET_VALUES) if (re.test(value)) return shape;
  return null;
}

/** The first of `names` (in order) that `set` holds, or null. */
function firstIn(names: Iterable<string>, set: ReadonlySet<string>): string | null {
  for (const name of names) if (set.has(name)) return name;
  return null;
}
