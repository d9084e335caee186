import { buildkitUrl, defineRule } from '../../define-rule.js';
import { argDecls } from '../../internal/instruction-info.js';
import { PLATFORM_ARGS } from '../../internal/predefined-args.js';
import { suggest } from '../../internal/suggest.js';
import { varRefs } from '../../internal/var-refs.js';

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
  },
  (ctx, report) => {
    const declared: string[] = [];
    for (const a of ctx.globalArgs) for (const d of argDecls(a, ctx.escape)) declared.push(d.name);
    for (const stage of ctx.stages) {
      const words = [stage.from.args[0] ?? '', stage.info.platform ?? ''];
      const seen = new Set<string>();
      for (const word of words) {
        for (const ref of varRefs(word, ctx.escape)) {
          if (declared.includes(ref.name) || PLATFORM_ARGS.has(ref.name) || seen.has(ref.name)) {
            continue;
          }
          seen.add(ref.name);
          const hint = suggest(ref.name, declared, true);
          report(
            stage.from,
            `FROM argument '${ref.name}' is not declared${hint ? ` (did you mean ${hint}?)` : ''}`,
          );
        }
      }
    }
  },
);
