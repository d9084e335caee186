import type { InstructionNode } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, type ShellCommand } from '../../shell/command.js';
import {
  type BaseImage,
  baseImage,
  firstBefore,
  hasCacheOrTmpfsMountWith,
  sameBaseImage,
} from './shared.js';

const MESSAGE = '`yarn cache clean` missing after `yarn install` was run.';

const NO_FROM: BaseImage = {
  registry: null,
  name: 'scratch',
  tag: null,
  digest: null,
  alias: null,
  platform: null,
};

const install = (c: ShellCommand): boolean => cmdHasArgs(c, 'yarn', ['install']);
// hadolint's `cmdHasArgs`: either word makes the cleanup.
const clean = (c: ShellCommand): boolean => cmdHasArgs(c, 'yarn', ['cache', 'clean']);

/**
 * DL3060: `yarn install` leaves yarn's cache in the layer unless the same RUN runs `yarn cache
 * clean` after it (or mounts a cache on `.cache/yarn`). As for DL3009, only the last stage and
 * stages a later FROM builds on count.
 */
export const dl3060 = defineRule(
  {
    id: 'DL3060',
    source: 'hadolint',
    severity: 'info',
    description: '`yarn cache clean` missing after `yarn install` was run.',
    url: hadolintUrl('DL3060'),
    onbuild: true,
    examples: {
      reported: { dockerfile: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile\n' },
      notReported: {
        dockerfile: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
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
      if (!commands.some(install)) continue;
      const missing = !commands.some(clean) && !hasCacheOrTmpfsMountWith(ctx, n, '.cache/yarn');
      const tooEarly = commands.some(clean) && firstBefore(commands, clean, install);
      if (missing || tooEarly) forgotten.push({ node: n, from: current ?? NO_FROM });
    }
    const last = current ?? NO_FROM;
    for (const { node, from } of forgotten) {
      if (sameBaseImage(from, last) || (from.alias !== null && imageNames.has(from.alias))) {
        report(node, MESSAGE);
      }
    }
  },
);
