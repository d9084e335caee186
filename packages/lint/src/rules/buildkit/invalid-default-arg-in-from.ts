import { type EscapeChar, expand } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';
import { isValidImageRef } from '../../internal/image-ref.js';
import { varNames } from '../../internal/var-names.js';
import { argsOf } from '../../internal/views.js';
import type { RuleContext } from '../../rule-context.js';

/**
 * InvalidDefaultArgInFrom: with the global ARG defaults, the FROM image must be a valid
 * reference (an ARG without default expands to nothing).
 *
 * @example
 * ```dockerfile
 * ARG VERSION
 * FROM alpine:${VERSION}   # Default value for ARG alpine:${VERSION} results in empty or invalid base image name
 * ```
 */
export const invalidDefaultArgInFrom = defineRule(
  {
    id: 'InvalidDefaultArgInFrom',
    source: 'buildkit',
    severity: 'warning',
    description: 'Default value for global ARG results in an empty or invalid base image name',
    url: buildkitUrl('InvalidDefaultArgInFrom'),
    checkConfig: 'file',
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'ARG VERSION\nFROM alpine:${VERSION}\n' },
      notReported: { dockerfile: 'ARG VERSION=3.20\nFROM alpine:${VERSION}\n' },
    },
  },
  (ctx, report) => {
    // Read once a FROM refers to a variable, which most files' FROMs do not.
    let env: Record<string, string> | null = null;
    let stageNames: Set<string> | null = null;
    for (const stage of ctx.stages) {
      const image = stage.from.args[0] ?? '';
      if (varNames(image, ctx.escape).size === 0) continue;
      env ??= globalDefaults(ctx);
      // A word the lexer rejects is a parse error, not this check's finding.
      const name = tryExpand(image, env, ctx.escape);
      if (name === null || name === 'scratch') continue;
      stageNames ??= namedStages(ctx);
      if (stageNames.has(name.toLowerCase())) continue;
      if (!isValidImageRef(name)) {
        report(
          stage.from,
          `Default value for ARG ${image} results in empty or invalid base image name`,
        );
      }
    }
  },
);

/** The global ARG defaults, each expanded with the ARGs above it (quotes removed), as BuildKit does. */
function globalDefaults(ctx: RuleContext): Record<string, string> {
  const env: Record<string, string> = {};
  for (const a of ctx.globalArgs) {
    for (const d of argsOf(ctx, a)) {
      if (d.value === null) continue;
      const value = d.raw.slice(d.raw.indexOf('=') + 1);
      env[d.name] = tryExpand(value, env, ctx.escape) ?? d.value;
    }
  }
  return env;
}

function namedStages(ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  for (const s of ctx.stages) if (s.info.stage !== null) names.add(s.info.stage);
  return names;
}

function tryExpand(word: string, env: Record<string, string>, escape: EscapeChar): string | null {
  try {
    return expand(word, env, { escape });
  } catch {
    return null;
  }
}
