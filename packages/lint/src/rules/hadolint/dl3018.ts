import { defineRule, hadolintUrl } from '../../define-rule.js';
import { argsNoFlags, cmdHasArgs, type ShellCommand } from '../../shell/command.js';

const MESSAGE =
  'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`';

const ADD = ['add'];
/** Flags whose value is no package. */
const VALUE_FLAGS = ['t', 'virtual', 'repository', 'X'];

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
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.12.1-r0\n' },
    },
  },
  (ctx, report) => {
    if (!ctx.commandNames().has('apk')) return;
    for (const run of ctx.runs()) {
      if (!run.commands.every(packagesPinned)) report(run.node, MESSAGE);
    }
  },
);

/** Every package of an `apk add` is pinned (other commands add none). */
function packagesPinned(c: ShellCommand): boolean {
  if (!cmdHasArgs(c, 'apk', ADD)) return true;
  for (const word of argsNoFlags(c, VALUE_FLAGS)) {
    if (word !== 'add' && !pinned(word)) return false;
  }
  return true;
}

function pinned(pkg: string): boolean {
  return (
    pkg.includes('=') ||
    pkg.includes('~') ||
    pkg.includes('>') ||
    pkg.includes('<') ||
    pkg.endsWith('.apk')
  );
}
