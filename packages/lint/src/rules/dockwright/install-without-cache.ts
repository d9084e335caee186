import { defineRule } from '../../define-rule.js';
import { commandName, packageInstall } from '../../internal/installs.js';
import { mountsOf } from '../../internal/views.js';
import { hasFlag, type ShellCommand } from '../../shell/command.js';

/** Whether the same RUN cleans up the tool's cache (or the install disables it). */
function cleansUp(
  tool: string,
  install: ShellCommand,
  all: readonly ShellCommand[],
  text: string,
): boolean {
  const rmOf = (re: RegExp): boolean =>
    all.some((c) => commandName(c) === 'rm' && c.args.some((a) => re.test(a)));
  switch (tool) {
    case 'apt-get':
    case 'apt':
      return rmOf(/^\/var\/lib\/apt\/lists/);
    case 'apk':
      return hasFlag(install, 'no-cache') || rmOf(/^\/var\/cache\/apk/);
    case 'dnf':
    case 'yum':
    case 'microdnf':
      return (
        all.some((c) => commandName(c) === tool && c.args.includes('clean')) ||
        rmOf(/^\/var\/cache\/(dnf|yum)/)
      );
    case 'pip':
      return (
        install.args.includes('--no-cache-dir') ||
        /PIP_NO_CACHE_DIR=/.test(text) ||
        rmOf(/\.cache\/pip/)
      );
    case 'npm':
      return (
        all.some(
          (c) => commandName(c) === 'npm' && c.args.includes('cache') && c.args.includes('clean'),
        ) || rmOf(/\.npm/)
      );
    case 'yarn':
      return all.some(
        (c) => commandName(c) === 'yarn' && c.args.includes('cache') && c.args.includes('clean'),
      );
    case 'pnpm':
      return all.some(
        (c) => commandName(c) === 'pnpm' && c.args.includes('store') && c.args.includes('prune'),
      );
    default:
      return false;
  }
}

/**
 * dockwright/install-without-cache: a package-manager install with neither a BuildKit cache
 * mount (`RUN --mount=type=cache,target=…`) nor a cleanup in the same RUN leaves its
 * download cache in the layer, and re-downloads everything on each rebuild.
 *
 * @example
 * ```dockerfile
 * RUN apt-get update && apt-get install -y --no-install-recommends curl
 * ```
 */
export const installWithoutCache = defineRule(
  {
    id: 'dockwright/install-without-cache',
    source: 'dockwright',
    severity: 'warning',
    description:
      'Package-manager installs should use a cache mount or clean their cache in the same RUN',
    // hadolint's rules for the same caches: reported once, under hadolint's code and advice.
    sameProblemAs: {
      DL3009: 'here',
      DL3019: 'here',
      DL3032: 'here',
      DL3040: 'here',
      DL3042: 'here',
      DL3060: 'here',
    },
    keywords: ['RUN'],
    examples: {
      reported: {
        dockerfile:
          'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      },
      notReported: {
        dockerfile:
          'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\n',
      },
    },
  },
  (ctx, report) => {
    for (const run of ctx.runs()) {
      for (const c of run.commands) {
        const install = packageInstall(c);
        if (!install) continue;
        if (mountsOf(ctx, run.node).some((m) => m.type === 'cache')) break;
        if (cleansUp(install.tool, c, run.commands, run.text)) continue;
        report(
          run.node,
          `\`${install.tool}\` install without a cache mount or cleanup: use RUN --mount=type=cache,target=${install.cacheTarget} or clean the cache in the same RUN`,
        );
        break;
      }
    }
  },
);
