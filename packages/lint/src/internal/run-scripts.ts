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
function runScript(node: InstructionNode): string {
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

interface Scripts {
  readonly list: RunScript[];
  readonly byNode: Map<InstructionNode, RunScript>;
}

const cache = new WeakMap<RuleContext, Scripts>();

function scripts(ctx: RuleContext): Scripts {
  let found = cache.get(ctx);
  if (!found) {
    found = { list: [], byNode: new Map() };
    for (const n of ctx.instructions) {
      if (n.keyword !== 'RUN') continue;
      const text = runScript(n);
      const run = { node: n, stage: ctx.stageOf(n), script: splitShell(text), text };
      found.list.push(run);
      found.byNode.set(n, run);
    }
    cache.set(ctx, found);
  }
  return found;
}

/** Every RUN of the file with its command text split into commands (computed once). */
export function runScripts(ctx: RuleContext): readonly RunScript[] {
  return scripts(ctx).list;
}

/** One RUN of the file, split as in {@link runScripts} (so each RUN is split once per lint). */
export function runScriptOf(ctx: RuleContext, node: InstructionNode): RunScript {
  const run = scripts(ctx).byNode.get(node);
  if (!run) throw new Error(`not a RUN instruction of this file: ${node.keyword}`);
  return run;
}
