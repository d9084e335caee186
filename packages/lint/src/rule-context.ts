import type {
  ChildNode,
  CommentNode,
  DockerfileNode,
  EscapeChar,
  InstructionNode,
} from '@dockwright/ast';
import { type FromInfo, fromInfo } from './internal/instruction-info.js';
import type { LintOptions } from './types.js';

/** A build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  readonly index: number;
  readonly from: InstructionNode;
  readonly info: FromInfo;
  readonly instructions: readonly InstructionNode[];
  /** The earlier stage this one builds on (`FROM build`), or null. */
  readonly parent: Stage | null;
}

/**
 * What every rule reads: the tree, its instructions split into global ARGs and stages, and
 * the comments directly above each instruction.
 */
export class RuleContext {
  readonly tree: DockerfileNode;
  readonly escape: EscapeChar;
  readonly options: LintOptions;
  readonly instructions: readonly InstructionNode[];
  /** The ARG instructions before the first FROM. */
  readonly globalArgs: readonly InstructionNode[];
  readonly stages: readonly Stage[];
  private readonly above = new Map<InstructionNode, CommentNode[]>();
  private readonly stageByNode = new Map<InstructionNode, Stage>();

  constructor(tree: DockerfileNode, options: LintOptions) {
    this.tree = tree;
    this.escape = tree.escape;
    this.options = options;
    const instructions: InstructionNode[] = [];
    const globalArgs: InstructionNode[] = [];
    const stages: Stage[] = [];
    let pending: CommentNode[] = [];
    let current: { from: InstructionNode; list: InstructionNode[] } | null = null;
    const flush = (): void => {
      if (!current) return;
      const info = fromInfo(current.from);
      const baseName = info.image.toLowerCase();
      const parent = stages.find((s) => s.info.stage !== null && s.info.stage === baseName) ?? null;
      const stage: Stage = {
        index: stages.length,
        from: current.from,
        info,
        instructions: current.list,
        parent,
      };
      stages.push(stage);
      this.stageByNode.set(current.from, stage);
      for (const n of current.list) this.stageByNode.set(n, stage);
    };
    for (const child of tree.children as readonly ChildNode[]) {
      if (child.type === 'comment') {
        // A blank line before a comment starts a new PrevComment list (BuildKit drops the
        // comments above a blank line); a bare `#` also resets it.
        if (hasBlankLine(child.raws?.before)) pending = [];
        if (child.text === '') pending = [];
        else pending.push(child);
        continue;
      }
      if (child.type !== 'instruction') {
        pending = [];
        continue;
      }
      if (hasBlankLine(child.raws?.before)) pending = [];
      this.above.set(child, pending);
      pending = [];
      instructions.push(child);
      if (child.keyword === 'FROM') {
        flush();
        current = { from: child, list: [] };
      } else if (current) {
        current.list.push(child);
      } else if (child.keyword === 'ARG') {
        globalArgs.push(child);
      }
    }
    flush();
    this.instructions = instructions;
    this.globalArgs = globalArgs;
    this.stages = stages;
  }

  /** The comments directly above an instruction (BuildKit's `PrevComment`). */
  commentsAbove(node: InstructionNode): readonly CommentNode[] {
    return this.above.get(node) ?? [];
  }

  stageOf(node: InstructionNode): Stage | null {
    return this.stageByNode.get(node) ?? null;
  }

  /** Every instruction of a stage, FROM first. */
  stageInstructions(stage: Stage): InstructionNode[] {
    return [stage.from, ...stage.instructions];
  }
}

function hasBlankLine(before: string | undefined): boolean {
  return before !== undefined && before !== '';
}
