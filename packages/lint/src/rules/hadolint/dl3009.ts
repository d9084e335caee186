import type { InstructionNode } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs } from '../../shell/command.js';
import { type BaseImage, baseImage, hasCacheOrTmpfsMountWith, sameBaseImage } from './shared.js';

const MESSAGE = 'Delete the apt lists (/var/lib/apt/lists) after installing something';

/** What hadolint assumes for instructions before the first FROM. */
const NO_FROM: BaseImage = {
  registry: null,
  name: 'scratch',
  tag: null,
  digest: null,
  alias: null,
  platform: null,
};

/**
 * DL3009: `apt-get update` (or `apt`, `aptitude`) leaves the package lists in the layer unless the
 * same RUN removes /var/lib/apt/lists (or mounts a cache or tmpfs there, or on both /var/lib/apt
 * and /var/cache/apt). Only stages that end up in the image count: the last stage, and stages a
 * later FROM builds on; a throw-away build stage may keep its lists.
 */
export const dl3009 = defineRule(
  {
    id: 'DL3009',
    source: 'hadolint',
    severity: 'info',
    description: 'Delete the apt-get lists after installing something.',
    url: hadolintUrl('DL3009'),
    onbuild: true,
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n' },
      notReported: {
        dockerfile:
          'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
      },
    },
  },
  (ctx, report) => {
    let current: BaseImage | null = null;
    const imageNames = new Set<string>();
    const forgotten: { node: InstructionNode; from: BaseImage }[] = [];
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') {
        current = baseImage(ctx, n);
        imageNames.add(current.name);
        continue;
      }
      if (n.keyword !== 'RUN') continue;
      const { commands } = ctx.run(n);
      const updates = commands.some((c) =>
        cmdHasArgs(c, ['apt', 'apt-get', 'aptitude'], ['update']),
      );
      // hadolint's `cmdHasArgs`: any one of the words makes the cleanup.
      const cleans = commands.some((c) => cmdHasArgs(c, 'rm', ['-rf', '/var/lib/apt/lists/*']));
      if (!updates || cleans) continue;
      if (hasCacheOrTmpfsMountWith(ctx, n, '/var/lib/apt/lists')) continue;
      if (
        hasCacheOrTmpfsMountWith(ctx, n, '/var/lib/apt') &&
        hasCacheOrTmpfsMountWith(ctx, n, '/var/cache/apt')
      ) {
        continue;
      }
      forgotten.push({ node: n, from: current ?? NO_FROM });
    }
    const last = current ?? NO_FROM;
    for (const { node, from } of forgotten) {
      if (sameBaseImage(from, last) || (from.alias !== null && imageNames.has(from.alias))) {
        report(node, MESSAGE);
      }
    }
  },
);
