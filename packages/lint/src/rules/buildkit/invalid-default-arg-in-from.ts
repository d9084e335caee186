import { buildkitUrl, defineRule } from '../../define-rule.js';
import { isValidImageRef } from '../../internal/image-ref.js';
import { argDecls } from '../../internal/instruction-info.js';
import { unquote } from '../../internal/process-word.js';
import { expandSimple, varRefs } from '../../internal/var-refs.js';

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
  },
  (ctx, report) => {
    const env = new Map<string, string>();
    for (const a of ctx.globalArgs) {
      for (const d of argDecls(a, ctx.escape)) {
        if (d.value !== null)
          env.set(d.name, unquote(expandSimple(d.value, env, ctx.escape), ctx.escape));
      }
    }
    const stageNames = new Set(ctx.stages.map((s) => s.info.stage).filter((s) => s !== null));
    for (const stage of ctx.stages) {
      const image = stage.from.args[0] ?? '';
      if (varRefs(image, ctx.escape).length === 0) continue;
      const name = expandSimple(image, env, ctx.escape);
      if (name === 'scratch' || stageNames.has(name.toLowerCase())) continue;
      if (!isValidImageRef(name)) {
        report(
          stage.from,
          `Default value for ARG ${image} results in empty or invalid base image name`,
        );
      }
    }
  },
);
