import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, runsAnyOf, type ShellCommand } from '../../shell/command.js';
import { firstBefore, hasCacheOrTmpfsMountWith } from './shared.js';

const MESSAGE = '`dnf clean all` missing after dnf command.';

const DNF = ['dnf', 'microdnf'];
const INSTALL = ['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'];
const CLEAN = ['clean', 'all'];
const RM_CACHE = ['-rf', '/var/cache/libdnf5*'];

/** Per tool, its install and the cleanup that must come after it. */
const TOOLS = DNF.map((tool) => ({
  install: (c: ShellCommand): boolean => cmdHasArgs(c, tool, INSTALL),
  clean: (c: ShellCommand): boolean => cmdHasArgs(c, tool, CLEAN) || cmdHasArgs(c, 'rm', RM_CACHE),
}));

/**
 * DL3040: `dnf install` (or `microdnf`) with no `dnf clean all` after it in the same RUN, nor a
 * cache mount on dnf's cache.
 */
export const dl3040 = defineRule(
  {
    id: 'DL3040',
    source: 'hadolint',
    severity: 'warning',
    description: '`dnf clean all` missing after dnf command.',
    url: hadolintUrl('DL3040'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62\n' },
      notReported: {
        dockerfile: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
      },
    },
  },
  (ctx, report) => {
    if (!runsAnyOf(ctx.commandNames(), DNF)) return;
    for (const run of ctx.runs()) {
      let cleaned = true;
      for (const { install, clean } of TOOLS) {
        if (run.commands.some(install) && !firstBefore(run.commands, install, clean)) {
          cleaned = false;
        }
      }
      if (cleaned) continue;
      if (hasCacheOrTmpfsMountWith(ctx, run.node, '/var/cache/libdnf5')) continue;
      if (hasCacheOrTmpfsMountWith(ctx, run.node, '.cache/libdnf5')) continue;
      report(run.node, MESSAGE);
    }
  },
);
