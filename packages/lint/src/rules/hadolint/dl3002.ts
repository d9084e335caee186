import type { InstructionNode } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { isRootUser } from '../../internal/root-user.js';

const MESSAGE = 'Last USER should not be root';

/**
 * DL3002: a stage whose last USER is root: its processes (and an image built from it) run with
 * every privilege. Each stage counts on its own.
 */
export const dl3002 = defineRule(
  {
    id: 'DL3002',
    source: 'hadolint',
    severity: 'warning',
    description: 'Last user should not be root.',
    url: hadolintUrl('DL3002'),
    keywords: ['USER'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nUSER root\nRUN apt-get update\n' },
      notReported: {
        dockerfile: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\n',
      },
    },
  },
  (ctx, report) => {
    let inStage = false;
    let lastRoot: InstructionNode | null = null;
    const flush = (): void => {
      if (lastRoot) report(lastRoot, MESSAGE);
      lastRoot = null;
    };
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') {
        flush();
        inStage = true;
      } else if (n.keyword === 'USER' && inStage) {
        lastRoot = isRootUser(n.args[0] ?? '') ? n : null;
      }
    }
    flush();
  },
);
