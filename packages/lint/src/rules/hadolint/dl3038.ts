import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, hasAnyFlag, runsAnyOf, type ShellCommand } from '../../shell/command.js';

const MESSAGE = 'Use the -y switch to avoid manual input `dnf install -y <package>`';

const DNF = ['dnf', 'microdnf'];
const INSTALL = ['install', 'groupinstall', 'localinstall'];
const YES = ['y', 'assumeyes'];

/** DL3038: `dnf install` (or `microdnf`) without `-y`/`--assumeyes`. */
export const dl3038 = defineRule(
  {
    id: 'DL3038',
    source: 'hadolint',
    severity: 'warning',
    description: 'Use the `-y` switch to avoid manual input `dnf install -y <package>`',
    url: hadolintUrl('DL3038'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM fedora:41\nRUN dnf install httpd-2.4.62 && dnf clean all\n' },
      notReported: {
        dockerfile: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
      },
    },
  },
  (ctx, report) => {
    if (!runsAnyOf(ctx.commandNames(), DNF)) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(forgotYes)) report(run.node, MESSAGE);
    }
  },
);

function forgotYes(c: ShellCommand): boolean {
  return cmdHasArgs(c, DNF, INSTALL) && !hasAnyFlag(c, YES);
}
