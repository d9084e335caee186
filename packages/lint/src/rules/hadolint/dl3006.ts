import { defineRule, hadolintUrl } from '../../define-rule.js';

/**
 * DL3006: Always tag the version of an image explicitly
 *
 * @example
 * ```dockerfile
 * FROM debian
 * ```
 */
export const dl3006 = defineRule(
  {
    id: 'DL3006',
    source: 'hadolint',
    severity: 'warning',
    description: 'Always tag the version of an image explicitly',
    url: hadolintUrl('DL3006'),
  },
  (ctx, report) => {
    const message = 'Always tag the version of an image explicitly';
    const aliases = new Set<string>();
    for (const stage of ctx.stages) {
      const { image, tag, digest, repository } = stage.info;
      const known = aliases.has(image.toLowerCase());
      if (stage.info.stage) aliases.add(stage.info.stage);
      if (image === 'scratch' || digest !== null || tag !== null || known) continue;
      // A variable may carry the tag; hadolint cannot see through it either way.
      if (repository.includes('$')) continue;
      report(stage.from, message);
    }
  },
);
