import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, runsAnyOf, type ShellCommand } from '../../shell/command.js';
import type { RunScript } from '../../shell/run-script.js';
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
    keywords: ['RUN'],
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
    const leavesLists = ({ node, commands }: RunScript): boolean => {
      if (!commands.some(updates) || commands.some(cleans)) return false;
      if (hasCacheOrTmpfsMountWith(ctx, node, '/var/lib/apt/lists')) return false;
      return !(
        hasCacheOrTmpfsMountWith(ctx, node, '/var/lib/apt') &&
        hasCacheOrTmpfsMountWith(ctx, node, '/var/cache/apt')
      );
    };
    // Which stages are kept matters only when some RUN leaves its lists: most clean up.
    if (!ctx.runs().some(leavesLists)) return;
    for (const node of wasteInKeptStages(ctx, (n) => leavesLists(ctx.run(n)))) {
      report(node, MESSAGE);
    }
  },
);

function updates(c: ShellCommand): boolean {
  return cmdHasArgs(c, APT, UPDATE);
}

/** hadolint's `cmdHasArgs`: any one of the words makes the cleanup. */
function cleans(c: ShellCommand): boolean {
  return cmdHasArgs(c, 'rm', CLEANUP);
}
