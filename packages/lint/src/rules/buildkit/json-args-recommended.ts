import { buildkitUrl, defineRule } from '../../define-rule.js';
import { execFormFix } from '../../fixes/exec-form.js';

/**
 * JSONArgsRecommended: CMD and ENTRYPOINT in exec form, so the process gets OS signals. Not
 * reported once the stage (or a stage it builds on) sets SHELL: BuildKit treats the shell form
 * as intended then.
 *
 * @example
 * ```dockerfile
 * CMD node server.js   # JSON arguments recommended for CMD to prevent unintended behavior related to OS signals
 * ```
 */
export const jsonArgsRecommended = defineRule(
  {
    id: 'JSONArgsRecommended',
    source: 'buildkit',
    severity: 'warning',
    description:
      'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
    url: buildkitUrl('JSONArgsRecommended'),
    fixable: true,
    keywords: ['CMD', 'ENTRYPOINT'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nCMD node server.js\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nCMD ["node", "server.js"]\n' },
    },
  },
  (ctx, report) => {
    for (const stage of ctx.stages) {
      // The image config's Shell: set by a SHELL of this stage, or of a stage it builds on.
      let shellSet = false;
      for (let s = stage.parent; s && !shellSet; s = s.parent) {
        shellSet = s.instructions.some((n) => n.keyword === 'SHELL');
      }
      for (const n of stage.instructions) {
        if (n.keyword === 'SHELL') shellSet = true;
        if ((n.keyword !== 'CMD' && n.keyword !== 'ENTRYPOINT') || n.json || shellSet) continue;
        if (n.args.length === 0) continue;
        report(
          n,
          `JSON arguments recommended for ${n.keyword} to prevent unintended behavior related to OS signals`,
          () => execFormFix(ctx, n),
        );
      }
    }
  },
);
