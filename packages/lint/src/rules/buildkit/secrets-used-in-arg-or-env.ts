import { goQuote, type InstructionNode } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';
import { argsOf, envPairsOf } from '../../internal/views.js';

const SECRET =
  /(?:^|_)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:^|_)(?:public|file|version)(?:_|$)/i;

/** BuildKit's name test: a secret token among the `_`-separated parts, and no allowed one. */
export function isSecretName(name: string): boolean {
  return SECRET.test(name) && !ALLOWED.test(name);
}

/**
 * SecretsUsedInArgOrEnv: ARG and ENV values end up in the image metadata; pass secrets with
 * `RUN --mount=type=secret`.
 *
 * @example
 * ```dockerfile
 * ARG GITHUB_TOKEN   # Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")
 * ```
 */
export const secretsUsedInArgOrEnv = defineRule(
  {
    id: 'SecretsUsedInArgOrEnv',
    source: 'buildkit',
    severity: 'warning',
    description: 'Sensitive data should not be used in the ARG or ENV commands',
    url: buildkitUrl('SecretsUsedInArgOrEnv'),
    keywords: ['ARG', 'ENV'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nARG GITHUB_TOKEN\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nARG PUBLIC_KEY\n' },
    },
  },
  (ctx, report) => {
    const check = (n: InstructionNode, name: string): void => {
      if (isSecretName(name)) {
        report(
          n,
          `Do not use ARG or ENV instructions for sensitive data (${n.keyword} ${goQuote(name)})`,
        );
      }
    };
    for (const n of ctx.instructions) {
      if (n.keyword === 'ARG') for (const d of argsOf(ctx, n)) check(n, d.name);
      else if (n.keyword === 'ENV') for (const p of envPairsOf(ctx, n)) check(n, p.key);
    }
  },
);
