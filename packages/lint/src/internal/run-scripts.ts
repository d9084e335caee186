import type { InstructionNode } from '@dockwright/ast';
import type { RuleContext, Stage } from '../rule-context.js';
import { runScript } from './instruction-info.js';
import { type ShellScript, splitShell } from './shell-commands.js';

export interface RunScript {
  readonly node: InstructionNode;
  readonly stage: Stage | null;
  readonly script: ShellScript;
  readonly text: string;
}

const cache = new WeakMap<RuleContext, RunScript[]>();

/** Every RUN of the file with its command text split into commands (computed once). */
export function runScripts(ctx: RuleContext): RunScript[] {
  let list = cache.get(ctx);
  if (!list) {
    list = [];
    for (const n of ctx.instructions) {
      if (n.keyword !== 'RUN') continue;
      const text = runScript(n);
      list.push({ node: n, stage: ctx.stageOf(n), script: splitShell(text), text });
    }
    cache.set(ctx, list);
  }
  return list;
}
