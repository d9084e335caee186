import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsNoFlags, cmdHasArgs, dropFlagArg } from '../../shell/command.js';

const MESSAGE =
  'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`';

/** DL3018: a package of `apk add` without a version constraint (`=`, `~`, `>`, `<`) or `.apk` file. */
export const dl3018 = defineRule(
  {
    id: 'DL3018',
    source: 'hadolint',
    severity: 'warning',
    description:
      'Pin versions in `apk add`. Instead of `apk add <package>` use `apk add <package>=<version>`.',
    url: hadolintUrl('DL3018'),
    onbuild: true,
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.12.1-r0\n' },
    },
  },
  (ctx, report) => {
    for (const run of ctx.runs()) {
      const packages = run.commands
        .filter((c) => cmdHasArgs(c, 'apk', ['add']))
        .flatMap((c) => argsNoFlags(dropFlagArg(c, ['t', 'virtual', 'repository', 'X'])))
        .filter((a) => a !== 'add');
      const pinned = (p: string): boolean =>
        ['=', '~', '>', '<'].some((s) => p.includes(s)) || p.endsWith('.apk');
      if (!packages.every(pinned)) report(run.node, MESSAGE);
    }
  },
);
