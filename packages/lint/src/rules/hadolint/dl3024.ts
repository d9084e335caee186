import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL3024: FROM aliases (stage names) must be unique
 *
 * @example
 * ```dockerfile
 * FROM node:22 AS build
 * FROM node:22 AS build
 * ```
 */
export const dl3024 = defineRule(
  {
    id: 'DL3024',
    source: 'hadolint',
    severity: 'error',
    description: 'FROM aliases (stage names) must be unique',
    url: hadolintUrl('DL3024'),
  },
  (ctx, report) => {
    const message = 'FROM aliases (stage names) must be unique';
    const seen = new Set<string>();
    for (const stage of ctx.stages) {
      const name = stage.info.stage;
      if (name === null) continue;
      if (seen.has(name)) report(stage.from, message);
      seen.add(name);
    }
  },
);
