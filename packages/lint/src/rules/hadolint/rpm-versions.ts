import type { InstructionNode } from '@dockwright/ast';
import { argsOf, envPairsOf } from '../../internal/views.js';
import type { RuleContext } from '../../rule-context.js';
import { argsNoFlags, type ShellCommand } from '../../shell/command.js';
import { baseImage } from './shared.js';

/** What the installs of one RUN name. */
export interface RpmInstalls {
  readonly packages: readonly string[];
  readonly modules: readonly string[];
}

/**
 * The RUNs (DL3033 yum, DL3041 dnf) that install an RPM package without a version or a module
 * without a stream. `name-version` is pinned when the parts after the first `-` are version-like
 * (letters, digits and `.~^_:+`, one of them starting with a digit); an `.rpm` file is pinned; a
 * package with `$` is pinned when it names an ENV of the stage (or of the stage it builds on) or
 * any ARG as `${NAME}`.
 */
export function packagesVersioned(
  ctx: RuleContext,
  read: (commands: readonly ShellCommand[]) => RpmInstalls,
): InstructionNode[] {
  const unpinned: InstructionNode[] = [];
  const args = new Set<string>();
  const stageEnvs: Set<string>[] = [new Set()];
  const aliases: (string | null)[] = [null];
  let env = stageEnvs[0]!;
  for (const n of ctx.instructions) {
    switch (n.keyword) {
      case 'FROM': {
        const from = baseImage(ctx, n);
        // A stage built on an earlier one starts with that stage's ENV names.
        const parent = aliases.indexOf(from.name);
        env = new Set(parent >= 0 ? stageEnvs[parent] : []);
        stageEnvs.push(env);
        aliases.push(from.alias ?? '');
        break;
      }
      case 'ENV':
        for (const p of envPairsOf(ctx, n)) env.add(p.key);
        break;
      case 'ARG':
        for (const d of argsOf(ctx, n)) args.add(d.name);
        break;
      case 'RUN': {
        const { packages, modules } = read(ctx.run(n).commands);
        let ok = true;
        for (const p of packages) if (!packagePinned(p, env, args)) ok = false;
        for (const m of modules) if (!m.includes(':')) ok = false;
        if (!ok) unpinned.push(n);
        break;
      }
      default:
        break;
    }
  }
  return unpinned;
}

const VERSION_PART = /^[0-9A-Za-z.~^_:+]*$/;
const STARTS_WITH_DIGIT = /^[0-9]/;

/** `pkg` is pinned; a `$` in it must name one of `env` or `args` as `${NAME}`. */
function packagePinned(pkg: string, env: ReadonlySet<string>, args: ReadonlySet<string>): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  if (pkg.endsWith('.rpm')) return true;
  if (pkg.includes('$')) return namesOneOf(pkg, env) || namesOneOf(pkg, args);
  const version = parts.slice(1);
  return (
    version.every((part) => VERSION_PART.test(part)) &&
    version.some((part) => STARTS_WITH_DIGIT.test(part))
  );
}

function namesOneOf(pkg: string, names: ReadonlySet<string>): boolean {
  for (const name of names) if (pkg.includes(`\${${name}}`)) return true;
  return false;
}

/** The words of an install that name packages (or modules): no flags, nor `install`/`module`. */
export function installedWords(c: ShellCommand): string[] {
  const out: string[] = [];
  for (const a of argsNoFlags(c)) if (a !== 'install' && a !== 'module') out.push(a);
  return out;
}
