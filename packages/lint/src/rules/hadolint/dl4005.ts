import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs } from '../../shell/command.js';

const MESSAGE = 'Use SHELL to change the default shell';

/** DL4005: linking /bin/sh to another shell instead of using SHELL. */
export const dl4005 = defineRule(
  {
    id: 'DL4005',
    source: 'hadolint',
    severity: 'warning',
    description: 'Use `SHELL` to change the default shell.',
    url: hadolintUrl('DL4005'),
    onbuild: true,
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n' },
      notReported: { dockerfile: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\n' },
    },
  },
  (ctx, report) => {
    for (const run of ctx.runs()) {
      if (run.commands.some((c) => cmdHasArgs(c, 'ln', ['/bin/sh']))) report(run.node, MESSAGE);
    }
  },
);
