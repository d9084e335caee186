import { viewArg } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';

/**
 * InvalidDefinitionDescription (experimental, off unless enabled with
 * `# check=experimental=InvalidDefinitionDescription`): a comment directly above a named
 * stage or an ARG is its description and should start with the name.
 *
 * @example
 * ```dockerfile
 * # the build stage
 * FROM alpine AS build   # Comment for build stage should follow the format: `# build <description>`
 * ```
 */
export const invalidDefinitionDescription = defineRule(
  {
    id: 'InvalidDefinitionDescription',
    source: 'buildkit',
    severity: 'warning',
    description:
      'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
    url: buildkitUrl('InvalidDefinitionDescription'),
    experimental: true,
  },
  (ctx, report) => {
    for (const n of ctx.instructions) {
      const comments = ctx.commentsAbove(n).filter((c) => !/^(?:check|hadolint)\b/.test(c.text));
      if (comments.length === 0) continue;
      const firstWord = comments[0]!.text.split(/\s+/)[0] ?? '';
      if (n.keyword === 'FROM' && n.args.length === 3 && n.args[1]!.toLowerCase() === 'as') {
        const name = n.args[2]!;
        if (firstWord !== name) {
          report(
            n,
            `Comment for build stage should follow the format: \`# ${name} <description>\``,
          );
        }
      } else if (n.keyword === 'ARG') {
        const decls = viewArg(n, ctx.escape).args;
        if (decls.length !== 1) continue;
        const name = decls[0]!.name;
        if (firstWord !== name) {
          report(n, `Comment for ARG should follow the format: \`# ${name} <description>\``);
        }
      }
    }
  },
);
