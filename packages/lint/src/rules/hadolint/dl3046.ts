import { defineRule, hadolintUrl } from '../../define-rule.js';
import { flagValues, hasAnyFlag } from '../../shell/command.js';

const MESSAGE = '`useradd` without flag `-l` and high UID will result in excessively large Image.';

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
    examples: {
      reported: { dockerfile: 'FROM debian:12\nRUN useradd -u 123456 app\n' },
      notReported: { dockerfile: 'FROM debian:12\nRUN useradd -l -u 123456 app\n' },
    },
  },
  (ctx, report) => {
    for (const run of ctx.runs()) {
      const bad = run.commands.some(
        (c) =>
          c.name === 'useradd' &&
          !hasAnyFlag(c, ['l', 'no-log-init']) &&
          hasAnyFlag(c, ['u', 'uid']) &&
          flagValues(c, 'u').some((uid) => uid.length > 5),
      );
      if (bad) report(run.node, MESSAGE);
    }
  },
);
