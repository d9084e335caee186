import type { InstructionNode } from '@dockwright/ast';
import { defineRule } from '../../define-rule.js';
import { dependencyInstall } from '../../internal/installs.js';

/** The sources that copy the whole build context. */
const WHOLE_CONTEXT = new Set(['.', './', '*', './*']);

/**
 * COPY/ADD of the whole build context (`.`, `./`, `*`) from the context, not a stage. (Its
 * sources are its arguments but the last, the destination; none of these words is a heredoc.)
 */
function copiesWholeContext(n: InstructionNode): boolean {
  if (n.keyword !== 'COPY' && n.keyword !== 'ADD') return false;
  const { flags, args } = n;
  for (let i = 0; i < flags.length; i++) if (flags[i]!.name === 'from') return false;
  const sources = args.length >= 2 ? args.length - 1 : args.length;
  for (let i = 0; i < sources; i++) if (WHOLE_CONTEXT.has(args[i]!)) return true;
  return false;
}

/**
 * dockwright/cache-order: a dependency install after copying the whole build context in the
 * same stage re-runs on every source change. Copy the manifests first, install, then copy
 * the rest. Neither BuildKit nor hadolint checks this.
 *
 * @example
 * ```dockerfile
 * COPY . .
 * RUN npm ci   # `npm ci` runs after COPY . (line 3) …
 * ```
 */
export const cacheOrder = defineRule(
  {
    id: 'dockwright/cache-order',
    source: 'dockwright',
    severity: 'warning',
    description:
      'Install dependencies before copying the whole build context, so source changes do not invalidate the install layer',
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n' },
      notReported: {
        dockerfile:
          'FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n',
      },
    },
  },
  (ctx, report) => {
    for (const stage of ctx.stages) {
      let copied: InstructionNode | null = null;
      for (const n of stage.instructions) {
        if (!copied && copiesWholeContext(n)) copied = n;
      }
      if (!copied) continue;
      const copyLine = copied.position?.line ?? 0;
      for (const n of stage.instructions) {
        if (n.keyword !== 'RUN' || (n.position?.line ?? 0) < copyLine) continue;
        const run = ctx.run(n);
        for (const c of run.commands) {
          const install = dependencyInstall(c);
          if (!install) continue;
          report(
            run.node,
            `\`${install}\` runs after ${copied.keyword} of the whole build context (line ${copyLine}): every source change re-runs it; copy the dependency manifests first, install, then copy the rest`,
          );
          break;
        }
      }
    }
  },
);
