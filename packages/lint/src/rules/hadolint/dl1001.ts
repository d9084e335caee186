import { defineRule, hadolintUrl } from '../../define-rule.js';
import { parseIgnorePragma } from '../../hadolint-pragmas.js';

const MESSAGE = 'Please refrain from using inline ignore pragmas  `# hadolint ignore=DLxxxx`.';

/**
 * DL1001 (off unless enabled): a `# hadolint ignore=…` pragma, for teams that want every
 * exception in the configuration file.
 */
export const dl1001 = defineRule(
  {
    id: 'DL1001',
    source: 'hadolint',
    severity: 'off',
    description: 'Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.',
    url: hadolintUrl('DL1001'),
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\n# hadolint ignore=DL3003\nRUN cd /tmp && make\n',
        options: { rules: { DL1001: 'info' } },
      },
      notReported: {
        dockerfile: 'FROM debian:12\nWORKDIR /tmp\nRUN make\n',
        options: { rules: { DL1001: 'info' } },
      },
    },
  },
  (ctx, report) => {
    for (const c of ctx.children) {
      if (c.type === 'comment' && parseIgnorePragma(c.text) !== null) report(c, MESSAGE);
    }
  },
);
