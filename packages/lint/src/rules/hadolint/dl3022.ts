import { viewCopy, viewFrom } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL3022: COPY --from should reference a previously defined FROM alias
 *
 * @example
 * ```dockerfile
 * COPY --from=build /app /app
 * ```
 */
export const dl3022 = defineRule(
  {
    id: 'DL3022',
    source: 'hadolint',
    severity: 'warning',
    description: 'COPY --from should reference a previously defined FROM alias',
    url: hadolintUrl('DL3022'),
  },
  (ctx, report) => {
    const message = 'COPY --from should reference a previously defined FROM alias';
    const aliases = new Set<string>();
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') {
        const info = viewFrom(n);
        if (info.stage) aliases.add(info.stage);
        continue;
      }
      if (n.keyword !== 'COPY') continue;
      const from = viewCopy(n).from;
      if (from === null) continue;
      // A stage index or an image reference (with a tag, digest or registry path) is fine.
      if (/^[0-9]+$/.test(from) || /[:/@]/.test(from) || from.includes('$')) continue;
      if (!aliases.has(from.toLowerCase())) report(n, message);
    }
  },
);
