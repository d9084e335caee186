import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, hasAnyFlag, type ShellCommand } from '../../shell/command.js';

const MESSAGE = 'Use the -y switch to avoid manual input `yum install -y <package>`';

const INSTALL = ['install', 'groupinstall', 'localinstall'];
const YES = ['y', 'assumeyes'];

/** DL3030: `yum install` without `-y`/`--assumeyes`. */
export const dl3030 = defineRule(
  {
    id: 'DL3030',
    source: 'hadolint',
    severity: 'warning',
    description: 'Use the `-y` switch to avoid manual input `yum install -y <package>`',
    url: hadolintUrl('DL3030'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n' },
      notReported: {
        dockerfile: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
      },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('yum')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(forgotYes)) report(run.node, MESSAGE);
    }
  },
);

function forgotYes(c: ShellCommand): boolean {
  return cmdHasArgs(c, 'yum', INSTALL) && !hasAnyFlag(c, YES);
}
