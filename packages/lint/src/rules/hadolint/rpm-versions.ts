import type { InstructionNode } from '@dockwright/ast';
import { argsOf, envPairsOf } from '../../internal/views.js';
import type { RuleContext } from '../../rule-context.js';
import type { ShellCommand } from '../../shell/command.js';
import { baseImage } from './shared.js';

/**
 * The RUNs (DL3033 yum, DL3041 dnf) that install an RPM package without a version or a module
 * without a stream. `name-version` is pinned when the parts after the first `-` are version-like
 * (letters, digits and `.~^_:+`, one of them starting with a digit); an `.rpm` file is pinned; a
 * package with `$` is pinned when it names an ENV of the stage (or of the stage it builds on) or
 * any ARG as `${NAME}`.
 */
export function packagesVersioned(
  ctx: RuleContext,
  read: (commands: readonly ShellCommand[]) => { packages: string[]; modules: string[] },
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
        const known = (p: string): boolean =>
          [...env, ...args].some((name) => p.includes(`\${${name}}`));
        const ok =
          packages.every((p) => packagePinned(p, known)) && modules.every((m) => m.includes(':'));
        if (!ok) unpinned.push(n);
        break;
      }
      default:
        break;
    }
  }
  return unpinned;
}

function packagePinned(pkg: string, known: (pkg: string) => boolean): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  if (pkg.endsWith('.rpm')) return true;
  if (pkg.includes('$')) return known(pkg);
  const version = parts.slice(1);
  return (
    version.every((part) => /^[0-9A-Za-z.~^_:+]*$/.test(part)) &&
    version.some((part) => /^[0-9]/.test(part))
  );
}
