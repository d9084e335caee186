import { type ChildNode, type InstructionNode, parse, print, withChildren } from '@dockwright/ast';
import { lint } from './lint.js';
import type { Finding, LintOptions } from './types.js';

export interface FixResult {
  /** The fixed text; untouched instructions keep their bytes. */
  readonly output: string;
  /** The findings whose fixes were applied. */
  readonly applied: readonly Finding[];
  /** What `lint` reports for `output`: the findings left after fixing. */
  readonly remaining: readonly Finding[];
}

/**
 * Applies every safe fix as a tree edit (the fixed instruction nodes are replaced, everything
 * else prints byte for byte), re-parsing and re-linting after each round until no fix is
 * left, so fixes on the same instruction compose.
 *
 * @example
 * ```ts
 * applyFixes('FROM alpine AS Build\nENV a b c\nCMD node app.js\n').output
 * // 'FROM alpine AS build\nENV a="b c"\nCMD ["node", "app.js"]\n'
 * ```
 */
export function applyFixes(text: string, options: LintOptions = {}): FixResult {
  let current = text;
  const applied: Finding[] = [];
  let remaining: readonly Finding[] | null = null;
  for (let round = 0; round < 10; round++) {
    const tree = parse(current, { file: options.file });
    const findings = lint(tree, options);
    const fixable = findings.filter((f) => f.fix && f.fix.edits.length > 0);
    if (fixable.length === 0) {
      remaining = findings;
      break;
    }
    const edits = new Map<InstructionNode, InstructionNode>();
    for (const f of fixable) {
      const fix = f.fix!;
      if (fix.edits.some((e) => edits.has(e.target))) continue;
      for (const e of fix.edits) edits.set(e.target, e.replacement);
      applied.push(f);
    }
    const children = tree.children.map((c: ChildNode) =>
      c.type === 'instruction' ? (edits.get(c) ?? c) : c,
    );
    const next = print(withChildren(tree, children));
    if (next === current) break;
    current = next;
  }
  // The loop ends having linted the final text unless a round changed nothing or ran out.
  remaining ??= lint(current, options);
  return { output: current, applied, remaining };
}
