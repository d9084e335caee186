import { defineRule, hadolintUrl } from '../../define-rule.js';
import { envPairsOf } from '../../internal/views.js';
import { hasSequence, isPipInstall, mayRunPip, type ShellCommand } from '../../shell/command.js';
import type { RunScript } from '../../shell/run-script.js';
import { baseImage, hasCacheOrTmpfsMountWith } from './shared.js';

const MESSAGE = 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`';

const TRUTHY = new Set(['1', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES']);

/**
 * DL3042: `pip install` keeping its download cache in the layer. Fine with `--no-cache-dir`,
 * `PIP_NO_CACHE_DIR=<true>` in the RUN or in an ENV of the stage (or of the stage it builds
 * on), or a cache mount on `.cache/pip`; `pipx` and `pipenv` are left alone.
 */
export const dl3042 = defineRule(
  {
    id: 'DL3042',
    source: 'hadolint',
    severity: 'warning',
    description: 'Avoid cache directory with `pip install --no-cache-dir <package>`.',
    url: hadolintUrl('DL3042'),
    onbuild: true,
    keywords: ['RUN'],
    examples: {
      reported: { dockerfile: 'FROM python:3.12-slim\nRUN pip install flask==3.0.3\n' },
      notReported: {
        dockerfile: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n',
      },
    },
  },
  (ctx, report) => {
    // Most files run no pip install, or none without `--no-cache-dir`.
    if (!mayRunPip(ctx.commandNames()) || !ctx.runs().some(forgetsNoCacheDir)) return;
    // Per stage (its alias, or its image's name): whether an ENV turned pip's cache off.
    const noCache = new Map<string | null, boolean>();
    let current: string | null = null;
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') {
        const from = baseImage(ctx, n);
        current = from.alias ?? from.name;
        noCache.set(current, noCache.get(from.name) ?? false);
      } else if (n.keyword === 'ENV') {
        const value = envPairsOf(ctx, n).find((p) => p.key === 'PIP_NO_CACHE_DIR')?.value;
        if (value !== undefined && TRUTHY.has(value)) noCache.set(current, true);
      } else if (n.keyword === 'RUN') {
        if (noCache.get(current)) continue;
        const run = ctx.run(n);
        if (inlineNoCache(run.text)) continue;
        if (!run.commands.some(forgotNoCacheDir)) continue;
        if (hasCacheOrTmpfsMountWith(ctx, n, '.cache/pip')) continue;
        report(n, MESSAGE);
      }
    }
  },
);

function forgetsNoCacheDir(run: RunScript): boolean {
  return run.commands.some(forgotNoCacheDir);
}

function forgotNoCacheDir(cmd: ShellCommand): boolean {
  return isPipInstall(cmd) && !cmd.args.includes('--no-cache-dir') && !isWrapper(cmd);
}

/** The wrappers, and how python runs them (`python -m pipx`). */
const WRAPPERS = [
  ['pipx', ['-m', 'pipx']],
  ['pipenv', ['-m', 'pipenv']],
] as const;

function isWrapper(cmd: ShellCommand): boolean {
  for (const [name, module] of WRAPPERS) {
    if (cmd.name.includes(name)) return true;
    if (cmd.name.startsWith('python') && hasSequence(cmd.args, module)) return true;
  }
  return false;
}

/** `PIP_NO_CACHE_DIR=<true value>` anywhere in the script text (hadolint reads the text). */
function inlineNoCache(text: string): boolean {
  const at = text.indexOf('PIP_NO_CACHE_DIR=');
  if (at < 0) return false;
  const rest = text.slice(at);
  const value = rest.slice(rest.indexOf('=') + 1);
  for (const t of TRUTHY) if (value.startsWith(t)) return true;
  return false;
}
