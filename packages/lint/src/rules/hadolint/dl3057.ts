import type { InstructionNode } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { baseImage } from './shared.js';

const MESSAGE = '`HEALTHCHECK` instruction missing.';

interface StageId {
  readonly node: InstructionNode;
  /** The image the stage starts from. */
  readonly src: string;
  /** Its alias, or its image's name. */
  readonly name: string;
}

/**
 * DL3057 (off unless enabled): a stage without HEALTHCHECK (nor one in the stage it builds
 * on), reported at its FROM.
 */
export const dl3057 = defineRule(
  {
    id: 'DL3057',
    source: 'hadolint',
    severity: 'off',
    description: '`HEALTHCHECK` instruction missing.',
    url: hadolintUrl('DL3057'),
    keywords: ['FROM'],
    examples: {
      reported: {
        dockerfile: 'FROM nginx:1.27\n',
        options: { rules: { DL3057: 'info' } },
      },
      notReported: {
        dockerfile: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
        options: { rules: { DL3057: 'info' } },
      },
    },
  },
  (ctx, report) => {
    const good = new Set<StageId>();
    const bad = new Set<StageId>();
    let current: StageId | null = null;
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') {
        const from = baseImage(ctx, n);
        current = { node: n, src: from.name, name: from.alias ?? from.name };
        const src = current.src;
        if (hasName(good, src)) good.add(current);
        else bad.add(current);
      } else if (n.keyword === 'HEALTHCHECK' && current) {
        // hadolint also clears the stages this one's image names, recursively.
        const clear = (stage: StageId, pool: Set<StageId>): void => {
          for (const b of [...pool]) {
            if (b.name !== stage.src) continue;
            pool.delete(b);
            good.add(b);
            clear(b, pool);
          }
        };
        clear(current, bad);
        good.add(current);
        bad.delete(current);
      }
    }
    for (const stage of bad) report(stage.node, MESSAGE);
  },
);

function hasName(stages: ReadonlySet<StageId>, name: string): boolean {
  for (const s of stages) if (s.name === name) return true;
  return false;
}
