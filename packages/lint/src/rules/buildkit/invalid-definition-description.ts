import { buildkitUrl, defineRule } from '../../define-rule.js';
import { argsOf } from '../../internal/views.js';

/**
 * InvalidDefinitionDescription (experimental, off unless enabled with
 * `# check=experimental=InvalidDefinitionDescription`): a comment directly above a named
 * stage or an ARG is its description and should start with the name.
 *
 * @example
 * ```dockerfile
 * # the build stage
 * FROM alpine AS build   # Comment for FROM should follow the format: `# build <description>`
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
    keywords: ['ARG', 'FROM'],
    examples: {
      reported: {
        dockerfile:
          '# check=experimental=InvalidDefinitionDescription\n\n# the build stage\nFROM alpine:3.20 AS build\n',
        options: { buildkitCheck: 'experimental=InvalidDefinitionDescription' },
      },
      notReported: {
        dockerfile:
          '# check=experimental=InvalidDefinitionDescription\n\n# build compiles the app\nFROM alpine:3.20 AS build\n',
        options: { buildkitCheck: 'experimental=InvalidDefinitionDescription' },
      },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructions) {
      if (n.keyword !== 'FROM' && n.keyword !== 'ARG') continue;
      // BuildKit reads the last comment above (every comment, `# check=` ones too), up to its
      // first space.
      const comments = ctx.commentsAbove(n);
      const last = comments[comments.length - 1];
      if (!last) continue;
      const space = last.text.indexOf(' ');
      const firstWord = space < 0 ? last.text : last.text.slice(0, space);
      let keyword: string;
      let keys: string[];
      if (n.keyword === 'FROM') {
        const stage = ctx.stageOf(n)?.info.stage;
        if (!stage) continue;
        keyword = 'FROM';
        keys = [stage];
      } else if (n.keyword === 'ARG') {
        keyword = 'ARG';
        keys = argsOf(ctx, n).map((d) => d.name);
      } else {
        continue;
      }
      if (keys.length === 0 || keys.includes(firstWord)) continue;
      const example = keys.length > 1 ? '<arg_key>' : keys[0];
      report(n, `Comment for ${keyword} should follow the format: \`# ${example} <description>\``);
    }
  },
);
