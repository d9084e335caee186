import type { RuleContext } from '../rule-context.js';
import { type RunScript, runScripts } from './run-scripts.js';
import { argsNoFlags, isCommand } from './shell-commands.js';

export interface PinRule {
  /** The command and sub-command: `['apt-get', 'install']`, `['apk', 'add']`. */
  readonly command: readonly [string, string];
  /** Flags that take a value (so the value is no package). */
  readonly valueFlags: readonly string[];
  readonly pinned: (pkg: string) => boolean;
}

/** The RUNs that install a package without a pinned version (hadolint DL3008, DL3018). */
export function unpinnedInstalls(ctx: RuleContext, rule: PinRule): RunScript[] {
  const [tool, sub] = rule.command;
  return runScripts(ctx).filter((run) =>
    run.script.commands
      .filter((c) => isCommand(c, tool, sub))
      .flatMap((c) => argsNoFlags(c, rule.valueFlags).filter((a) => a !== sub))
      .some((p) => !rule.pinned(p)),
  );
}
