import type { InstructionNode } from '@dockwright/ast';
import type { RuleContext } from '../rule-context.js';

/**
 * Every instruction with `keyword` after the first of its stage: only the last CMD,
 * ENTRYPOINT or HEALTHCHECK of a stage takes effect, so the earlier ones are overridden.
 */
export function repeatedInStage(ctx: RuleContext, keyword: string): InstructionNode[] {
  return ctx.stages.flatMap((stage) =>
    stage.instructions.filter((n) => n.keyword === keyword).slice(1),
  );
}
