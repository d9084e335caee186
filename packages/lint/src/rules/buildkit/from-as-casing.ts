import { buildkitUrl, defineRule } from '../../define-rule.js';
import { replaceFromWord } from '../../fixes/rename-stage.js';

/**
 * FromAsCasing: the `AS` keyword should match the case of `FROM`.
 *
 * @example
 * ```dockerfile
 * FROM alpine as build   # 'as' and 'FROM' keywords' casing do not match
 * ```
 */
export const fromAsCasing = defineRule(
  {
    id: 'FromAsCasing',
    source: 'buildkit',
    severity: 'warning',
    description: "The 'as' keyword should match the case of the 'from' keyword",
    url: buildkitUrl('FromAsCasing'),
    fixable: true,
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20 as build\n' },
      notReported: { dockerfile: 'FROM alpine:3.20 AS build\n' },
    },
  },
  (ctx, report) => {
    for (const stage of ctx.stages) {
      const as = stage.info.asKeyword;
      const from = stage.from.raws?.keyword || 'FROM';
      if (as === null) continue;
      const fromUpper = from === from.toUpperCase();
      const fromLower = from === from.toLowerCase();
      // BuildKit compares only when FROM itself is consistently cased.
      const bad = (fromUpper && as !== as.toUpperCase()) || (fromLower && as !== as.toLowerCase());
      if (!bad) continue;
      const wanted = fromUpper ? 'AS' : 'as';
      report(stage.from, `'${as}' and '${from}' keywords' casing do not match`, () => {
        const replacement = replaceFromWord(ctx, stage.from, 1, wanted);
        return replacement
          ? { description: `Write '${wanted}'`, edits: [{ target: stage.from, replacement }] }
          : null;
      });
    }
  },
);
