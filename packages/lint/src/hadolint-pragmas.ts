import type { InstructionNode } from '@dockwright/ast';
import type { RuleContext } from './rule-context.js';

export interface HadolintIgnores {
  /** `# hadolint global ignore=…` anywhere in the file. */
  readonly global: ReadonlySet<string>;
  /** `# hadolint ignore=…` directly above an instruction. */
  readonly byNode: ReadonlyMap<InstructionNode, ReadonlySet<string>>;
}

const IGNORE = /^hadolint\s+ignore\s*=\s*([A-Za-z0-9/_\-, ]+)$/;
const GLOBAL = /^hadolint\s+global\s+ignore\s*=\s*([A-Za-z0-9/_\-, ]+)$/;

function ids(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * hadolint's inline pragmas. They also silence this project's own rules and BuildKit's
 * when listed by id, so one comment style can serve every rule.
 */
export function hadolintIgnores(ctx: RuleContext): HadolintIgnores {
  const global = new Set<string>();
  for (const c of ctx.tree.children) {
    if (c.type !== 'comment') continue;
    const m = GLOBAL.exec(c.text);
    if (m) for (const id of ids(m[1]!)) global.add(id);
  }
  const byNode = new Map<InstructionNode, Set<string>>();
  for (const n of ctx.instructions) {
    for (const c of ctx.commentsAbove(n)) {
      const m = IGNORE.exec(c.text);
      if (!m) continue;
      let set = byNode.get(n);
      if (!set) {
        set = new Set();
        byNode.set(n, set);
      }
      for (const id of ids(m[1]!)) set.add(id);
    }
  }
  return { global, byNode };
}
