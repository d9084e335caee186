import { defineRule, hadolintUrl } from '../../define-rule.js';
import { flagValues, hasAnyFlag, type ShellCommand } from '../../shell/command.js';

const MESSAGE = '`useradd` without flag `-l` and high UID will result in excessively large Image.';

const NO_LOG_INIT = ['l', 'no-log-init'];
const UID = ['u', 'uid'];

/**
 * DL3046: `useradd -u <large uid>` without `-l`: the lastlog and faillog files grow to match
 * the UID, filling the layer with zeros.
 */
export const dl3046 = defineRule(
  {
    id: 'DL3046',
    source: 'hadolint',
    severity: 'warning',
    description: '`useradd` without flag `-l` and high UID will result in excessively large Image.',
    url: hadolintUrl('DL3046'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN useradd -u 123456 app\n' },
      notReported: { dockerfile: 'FROM debian:12\nRUN useradd -l -u 123456 app\n' },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('useradd')) return;
    for (const run of ctx.runs()) {
      if (run.commands.some(largeUidWithLog)) report(run.node, MESSAGE);
    }
  },
);

function largeUidWithLog(c: ShellCommand): boolean {
  return (
    c.name === 'useradd' &&
    !hasAnyFlag(c, NO_LOG_INIT) &&
    hasAnyFlag(c, UID) &&
    flagValues(c, 'u').some((uid) => uid.length > 5)
  );
}
