import type { InstructionNode } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, type ShellCommand } from '../../shell/command.js';
import { firstBefore, hasCacheOrTmpfsMountWith, wasteInKeptStages } from './shared.js';

const MESSAGE = '`yarn cache clean` missing after `yarn install` was run.';

const INSTALL = ['install'];
const CACHE_CLEAN = ['cache', 'clean'];

const install = (c: ShellCommand): boolean => cmdHasArgs(c, 'yarn', INSTALL);
// hadolint's `cmdHasArgs`: either word makes the cleanup.
const clean = (c: ShellCommand): boolean => cmdHasArgs(c, 'yarn', CACHE_CLEAN);

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
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile\n' },
      notReported: {
        dockerfile: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('yarn')) return;
    const leavesCache = (n: InstructionNode): boolean => {
      const { commands } = ctx.run(n);
      if (!commands.some(install)) return false;
      const missing = !commands.some(clean) && !hasCacheOrTmpfsMountWith(ctx, n, '.cache/yarn');
      const tooEarly = commands.some(clean) && firstBefore(commands, clean, install);
      return missing || tooEarly;
    };
    for (const node of wasteInKeptStages(ctx, leavesCache)) report(node, MESSAGE);
  },
);
