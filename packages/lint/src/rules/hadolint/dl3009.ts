import type { InstructionNode } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, runsAnyOf, type ShellCommand } from '../../shell/command.js';
import { hasCacheOrTmpfsMountWith, wasteInKeptStages } from './shared.js';

const MESSAGE = 'Delete the apt lists (/var/lib/apt/lists) after installing something';

const APT = ['apt', 'apt-get', 'aptitude'];
const UPDATE = ['update'];
const CLEANUP = ['-rf', '/var/lib/apt/lists/*'];

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
    if (!runsAnyOf(ctx.commandNames(), APT)) return;
    const leavesLists = (n: InstructionNode): boolean => {
      const { commands } = ctx.run(n);
      if (!commands.some(updates) || commands.some(cleans)) return false;
      if (hasCacheOrTmpfsMountWith(ctx, n, '/var/lib/apt/lists')) return false;
      return !(
        hasCacheOrTmpfsMountWith(ctx, n, '/var/lib/apt') &&
        hasCacheOrTmpfsMountWith(ctx, n, '/var/cache/apt')
      );
    };
    for (const node of wasteInKeptStages(ctx, leavesLists)) report(node, MESSAGE);
  },
);

function updates(c: ShellCommand): boolean {
  return cmdHasArgs(c, APT, UPDATE);
}

/** hadolint's `cmdHasArgs`: any one of the words makes the cleanup. */
function cleans(c: ShellCommand): boolean {
  return cmdHasArgs(c, 'rm', CLEANUP);
}
