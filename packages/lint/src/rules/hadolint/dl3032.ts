import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, type ShellCommand } from '../../shell/command.js';
import { firstBefore } from './shared.js';

const MESSAGE = '`yum clean all` missing after yum command.';

const INSTALL = ['install'];
const CLEAN = ['clean', 'all'];
const RM_CACHE = ['-rf', '/var/cache/yum/*'];

const install = (c: ShellCommand): boolean => cmdHasArgs(c, 'yum', INSTALL);
// hadolint's `cmdHasArgs` matches any one of the words.
const clean = (c: ShellCommand): boolean =>
  cmdHasArgs(c, 'yum', CLEAN) || cmdHasArgs(c, 'rm', RM_CACHE);

/** DL3032: `yum install` with no `yum clean all` after it in the same RUN. */
export const dl3032 = defineRule(
  {
    id: 'DL3032',
    source: 'hadolint',
    severity: 'warning',
    description: '`yum clean all` missing after yum command.',
    url: hadolintUrl('DL3032'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM centos:7\nRUN yum install -y httpd-2.4.6\n' },
      notReported: {
        dockerfile: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('yum')) return;
    for (const run of ctx.runs()) {
      if (!run.commands.some(install)) continue;
      if (!firstBefore(run.commands, install, clean)) report(run.node, MESSAGE);
    }
  },
);
