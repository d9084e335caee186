import type { InstructionNode } from '@dockwright/ast';
import type { RuleContext, Stage } from '../rule-context.js';
import { type ShellScript, splitShell } from './shell-commands.js';

export interface RunScript {
  readonly node: InstructionNode;
  readonly stage: Stage | null;
  readonly script: ShellScript;
  readonly text: string;
}

/** The shell text of a RUN (or the exec-form words joined), with heredoc scripts appended. */
export function runScript(node: InstructionNode): string {
  if (node.json) {
    const args = node.args;
    // ["sh", "-c", "script"] runs a script; other exec forms are one command.
    if (args.length >= 3 && /(^|\/)(ba|a|z|da)?sh$/.test(args[0]!) && args[1] === '-c') {
      return args[2]!;
    }
    return args.map((a) => (/[\s'"\\]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' ');
  }
  let text = node.args.join(' ');
  for (const doc of node.heredocs) text += `\n${doc.content}`;
  return text;
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
