import { defineRule, hadolintUrl } from '../../define-rule.js';
import { cmdHasArgs, hasFlag, type ShellCommand } from '../../shell/command.js';
import { hasCacheOrTmpfsMountWith } from './shared.js';

const MESSAGE =
  'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages';

const ADD = ['add'];

/** DL3019: `apk add` without `--no-cache` (a cache mount on /var/cache/apk is fine too). */
export const dl3019 = defineRule(
  {
    id: 'DL3019',
    source: 'hadolint',
    severity: 'info',
    description:
      'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages.',
    url: hadolintUrl('DL3019'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nRUN apk add curl=8.12.1-r0\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.12.1-r0\n' },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('apk')) return;
    for (const run of ctx.runs()) {
      if (hasCacheOrTmpfsMountWith(ctx, run.node, '/var/cache/apk')) continue;
      if (run.commands.some(addsWithCache)) report(run.node, MESSAGE);
    }
  },
);

function addsWithCache(c: ShellCommand): boolean {
  return cmdHasArgs(c, 'apk', ADD) && !hasFlag(c, 'no-cache');
}
