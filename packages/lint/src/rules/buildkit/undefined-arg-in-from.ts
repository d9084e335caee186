import { suggest } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';
import { PLATFORM_ARGS } from '../../internal/predefined-args.js';
import { varNames } from '../../internal/var-names.js';
import { argsOf } from '../../internal/views.js';

/**
 * UndefinedArgInFrom: FROM may use only global ARGs (declared before the first FROM) and the
 * platform ARGs BuildKit predefines.
 *
 * @example
 * ```dockerfile
 * FROM node:${NODE_VERSON}   # FROM argument 'NODE_VERSON' is not declared
 * ```
 */
export const undefinedArgInFrom = defineRule(
  {
    id: 'UndefinedArgInFrom',
    source: 'buildkit',
    severity: 'warning',
    description: 'FROM command must use declared ARGs',
    url: buildkitUrl('UndefinedArgInFrom'),
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM node:${NODE_VERSON}\n' },
      notReported: { dockerfile: 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}\n' },
    },
  },
  (ctx, report) => {
    const declared: string[] = [];
    for (const a of ctx.globalArgs) for (const d of argsOf(ctx, a)) declared.push(d.name);
    for (const stage of ctx.stages) {
      let seen: Set<string> | null = null;
      for (const word of [stage.from.args[0] ?? '', stage.info.platform ?? '']) {
        for (const name of varNames(word, ctx.escape)) {
          if (declared.includes(name) || PLATFORM_ARGS.has(name) || seen?.has(name)) continue;
          seen ??= new Set();
          seen.add(name);
          // BuildKit suggests among the global ARGs and the platform ARGs it predefines.
          const hint = suggest(name, [...declared, ...PLATFORM_ARGS], true);
          report(
            stage.from,
            `FROM argument '${name}' is not declared${hint ? ` (did you mean ${hint}?)` : ''}`,
          );
        }
      }
    }
  },
);
