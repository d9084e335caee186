import type {
  ChildNode,
  CommentNode,
  DockerfileNode,
  EscapeChar,
  FromView,
  InstructionNode,
} from '@dockwright/ast';
import { type StageProblem, stages as splitStages, viewFrom } from '@dockwright/ast';
import type { LintOptions } from './types.js';

/** A build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  readonly index: number;
  readonly from: InstructionNode;
  readonly info: FromView;
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
  /** `COPY --from` / `--mount from=` references BuildKit refuses (same or later stage). */
  readonly stageProblems: readonly StageProblem[];
  private readonly above = new Map<InstructionNode, CommentNode[]>();
  private readonly stageByNode = new Map<InstructionNode, Stage>();

  constructor(tree: DockerfileNode, options: LintOptions) {
    this.tree = tree;
    this.escape = tree.escape;
    this.options = options;
    const instructions: InstructionNode[] = [];
    let pending: CommentNode[] = [];
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
    }
    // ast's `stages` resolves `FROM <name>` against earlier stages, as BuildKit does.
    const split = splitStages(tree);
    const stages: Stage[] = [];
    for (const s of split.stages) {
      const stage: Stage = {
        index: s.index,
        from: s.from,
        info: viewFrom(s.from),
        instructions: s.instructions,
        parent: s.baseStage === null ? null : (stages[s.baseStage] ?? null),
      };
      stages.push(stage);
      this.stageByNode.set(s.from, stage);
      for (const n of s.instructions) this.stageByNode.set(n, stage);
    }
    const globalArgs = split.globalArgs;
    this.instructions = instructions;
    this.globalArgs = globalArgs;
    this.stages = stages;
    this.stageProblems = split.problems;
  }

  /** The comments directly above an instruction (BuildKit's `PrevComment`). */
  commentsAbove(node: InstructionNode): readonly CommentNode[] {
    return this.above.get(node) ?? [];
  }

  stageOf(node: InstructionNode): Stage | null {
    return this.stageByNode.get(node) ?? null;
  }
}

function hasBlankLine(before: string | undefined): boolean {
  return before !== undefined && before !== '';
}
