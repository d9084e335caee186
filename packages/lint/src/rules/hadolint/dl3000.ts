import { defineRule, hadolintUrl } from '../../define-rule.js';
import { dropQuotes, isWindowsAbsolute } from './shared.js';

const MESSAGE = 'Use absolute WORKDIR';

/** DL3000: a relative WORKDIR depends on the directory the base image left. */
export const dl3000 = defineRule(
  {
    id: 'DL3000',
    source: 'hadolint',
    severity: 'error',
    description: 'Use absolute WORKDIR.',
    url: hadolintUrl('DL3000'),
    sameProblemAs: { WorkdirRelativePath: 'here' },
    keywords: ['WORKDIR'],
    examples: {
      reported: { dockerfile: 'FROM debian:12\nWORKDIR app\n' },
      notReported: { dockerfile: 'FROM debian:12\nWORKDIR /app\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructionsOf('WORKDIR')) {
      const path = dropQuotes(n.args[0] ?? '');
      if (path.startsWith('$') || path.startsWith('/') || isWindowsAbsolute(path)) continue;
      report(n, MESSAGE);
    }
  },
);
