import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, type ShellCommand } from '../../shell/command.js';
import { firstBefore, hasCacheOrTmpfsMountWith } from './shared.js';

const MESSAGE = '`zypper clean` missing after zypper use.';

const INSTALL = ['install', 'in'];
const CLEAN = ['clean', 'cc'];

const install = (c: ShellCommand): boolean => cmdHasArgs(c, 'zypper', INSTALL);
const clean = (c: ShellCommand): boolean => cmdHasArgs(c, 'zypper', CLEAN);

/** DL3036: `zypper install` with no `zypper clean` after it (or cache mount) in the same RUN. */
export const dl3036 = defineRule(
  {
    id: 'DL3036',
    source: 'hadolint',
    severity: 'warning',
    description: '`zypper clean` missing after zypper use.',
    url: hadolintUrl('DL3036'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58\n' },
      notReported: {
        dockerfile: 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('zypper')) return;
    for (const run of ctx.runs()) {
      if (!run.commands.some(install)) continue;
      if (hasCacheOrTmpfsMountWith(ctx, run.node, '/var/cache/zypp')) continue;
      if (!firstBefore(run.commands, install, clean)) report(run.node, MESSAGE);
    }
  },
);
