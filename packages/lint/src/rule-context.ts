import type {
  ChildNode,
  CommentNode,
  DockerfileNode,
  EscapeChar,
  FromView,
  InstructionKeyword,
  InstructionNode,
  Position,
} from '@dockwright/ast';
import { type StageProblem, stages as splitStages, viewFrom } from '@dockwright/ast';
import { KEYWORD_COUNT, type KeywordSet, keywordNumber } from './internal/keyword-set.js';
import { type RunScript, readRun } from './shell/run-script.js';
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

const NO_COMMENTS: readonly CommentNode[] = Object.freeze([]);

/** A view rules take of a node, computed once per lint by {@link RuleContext.view}. */
export type NodeView<T> = (node: InstructionNode, escape: EscapeChar) => T;

/**
 * What the file-level context and its ONBUILD view share: parsed RUNs, views of nodes and
 * trigger owners.
 */
interface Shared {
  readonly runs: Map<InstructionNode, RunScript>;
  readonly views: Map<NodeView<unknown>, Map<InstructionNode, unknown>>;
  /** Each ONBUILD trigger and the ONBUILD instruction holding it (null: no trigger seen yet). */
  owners: Map<InstructionNode, InstructionNode> | null;
}

/**
 * What every rule reads: the tree, its instructions in order (also those before the first
 * FROM), split into global ARGs and stages, the comments directly above each instruction, and
 * each RUN's script parsed once.
 *
 * A rule marked `onbuild` runs a second time over {@link RuleContext.onbuildView}: a context
 * whose instructions are the ONBUILD triggers, as hadolint checks `ONBUILD RUN …` (findings
 * land on the ONBUILD line).
 */
export class RuleContext {
  readonly tree: DockerfileNode;
  readonly escape: EscapeChar;
  readonly options: LintOptions;
  /** Every instruction in order; in the ONBUILD view, the triggers. */
  readonly instructions: readonly InstructionNode[];
  /** Instructions, comments and directives in order; in the ONBUILD view, the triggers. */
  readonly children: readonly ChildNode[];
  /** The ARG instructions before the first FROM. */
  readonly globalArgs: readonly InstructionNode[];
  readonly stages: readonly Stage[];
  /** `COPY --from` / `--mount from=` references BuildKit refuses (same or later stage). */
  readonly stageProblems: readonly StageProblem[];
  /** True for the view over ONBUILD triggers. */
  readonly isOnbuildView: boolean;
  /**
   * The keywords of {@link instructions}, as bits: which rules have something to check here.
   * The linter's own (left out of the published types).
   *
   * @internal
   */
  readonly keywords: KeywordSet;
  private readonly shared: Shared;
  /** The comments above each instruction that has any. */
  private readonly above: Map<InstructionNode, readonly CommentNode[]> | null = null;
  /** Each stage's FROM and instructions, to their stage: made when first asked for. */
  private stageByNode: Map<InstructionNode, Stage> | null = null;
  private onbuild: RuleContext | null = null;
  private runList: RunScript[] | null = null;
  private names: Set<string> | null = null;
  /** The instructions of each keyword BuildKit knows, by its {@link keywordNumber}. */
  private readonly byKeyword: (InstructionNode[] | undefined)[];
  /** What {@link instructionsOf} gives for a keyword no instruction has (a plain array). */
  private readonly none: readonly InstructionNode[] = [];

  constructor(tree: DockerfileNode, options: LintOptions, triggersOf?: RuleContext) {
    this.tree = tree;
    this.escape = tree.escape;
    this.options = options;
    if (triggersOf) {
      // The ONBUILD view: the triggers on their own, no stages.
      this.shared = triggersOf.shared;
      const triggers: InstructionNode[] = [];
      for (const n of triggersOf.instructions) {
        if (n.keyword !== 'ONBUILD' || !n.trigger) continue;
        triggers.push(n.trigger);
        this.shared.owners ??= new Map();
        this.shared.owners.set(n.trigger, n);
      }
      this.instructions = triggers;
      this.children = triggers;
      this.globalArgs = [];
      this.stages = [];
      this.stageProblems = [];
      this.isOnbuildView = true;
      this.byKeyword = new Array(KEYWORD_COUNT);
      this.keywords = sortByKeyword(triggers, this.byKeyword);
      return;
    }
    this.shared = { runs: new Map(), views: new Map(), owners: null };
    this.isOnbuildView = false;
    // The lists rules walk are plain arrays, copies of the tree's frozen ones: Node 20's V8
    // reads the elements of a frozen array several times slower (and `for…of` over one
    // allocates a result per element), and every rule walks them for every file.
    const children: ChildNode[] = [];
    const instructions: InstructionNode[] = [];
    // BuildKit's PrevComment: the comments since the previous instruction. Blank lines do not
    // end the list (BuildKit's parser skips them), a bare `#` empties it, directives are none.
    let pending: CommentNode[] | null = null;
    let above: Map<InstructionNode, readonly CommentNode[]> | null = null;
    const all = tree.children;
    for (let i = 0; i < all.length; i++) {
      const child = all[i]!;
      children.push(child);
      if (child.type === 'comment') {
        if (child.text === '') pending = null;
        else if (pending) pending.push(child);
        else pending = [child];
        continue;
      }
      if (child.type !== 'instruction') continue;
      if (pending) {
        above ??= new Map();
        above.set(child, pending);
        pending = null;
      }
      instructions.push(child);
    }
    this.above = above;
    this.byKeyword = new Array(KEYWORD_COUNT);
    this.keywords = sortByKeyword(instructions, this.byKeyword);
    // ast's `stages` resolves `FROM <name>` against earlier stages, as BuildKit does.
    const split = splitStages(tree);
    const stages: Stage[] = [];
    for (let i = 0; i < split.stages.length; i++) {
      const s = split.stages[i]!;
      const stage: Stage = {
        index: s.index,
        from: s.from,
        info: viewFrom(s.from),
        instructions: plain(s.instructions),
        parent: s.baseStage === null ? null : (stages[s.baseStage] ?? null),
      };
      stages.push(stage);
    }
    this.children = children;
    this.instructions = instructions;
    this.globalArgs = plain(split.globalArgs);
    this.stages = stages;
    this.stageProblems = split.problems;
  }

  /**
   * The comments between the previous instruction and this one (BuildKit's `PrevComment`):
   * what `# check=` comments and definition descriptions are read from.
   */
  commentsAbove(node: InstructionNode): readonly CommentNode[] {
    return this.above?.get(node) ?? NO_COMMENTS;
  }

  stageOf(node: InstructionNode): Stage | null {
    if (!this.stageByNode) {
      this.stageByNode = new Map();
      for (const stage of this.stages) {
        this.stageByNode.set(stage.from, stage);
        for (const n of stage.instructions) this.stageByNode.set(n, stage);
      }
    }
    return this.stageByNode.get(node) ?? null;
  }

  /** The view over ONBUILD triggers (see the class comment). */
  onbuildView(): RuleContext {
    this.onbuild ??= new RuleContext(this.tree, this.options, this);
    return this.onbuild;
  }

  /** A RUN's script, parsed once per lint. */
  run(node: InstructionNode): RunScript {
    let run = this.shared.runs.get(node);
    if (!run) {
      run = readRun(node);
      this.shared.runs.set(node, run);
    }
    return run;
  }

  /**
   * `read(node, escape)`, computed once per lint: what several rules read from the same node
   * (an ENV's pairs, an ARG's declarations, a FROM as hadolint reads it) is read once. `read`
   * is the key, so it is a function declared once, not a closure made per call.
   */
  view<T>(read: NodeView<T>, node: InstructionNode): T {
    let byNode = this.shared.views.get(read) as Map<InstructionNode, T> | undefined;
    if (!byNode) {
      byNode = new Map();
      this.shared.views.set(read, byNode);
    }
    let value = byNode.get(node);
    if (value === undefined && !byNode.has(node)) {
      value = read(node, this.escape);
      byNode.set(node, value);
    }
    return value as T;
  }

  /**
   * The instructions of one keyword (`RUN`, `LABEL`, …), in order; in the ONBUILD view, the
   * triggers of that keyword. Most rules are about the few instructions of one or two keywords:
   * the instructions are sorted by keyword once per lint rather than walked by every rule.
   */
  instructionsOf(keyword: InstructionKeyword): readonly InstructionNode[] {
    return this.byKeyword[keywordNumber(keyword)] ?? this.none;
  }

  /** Every RUN of this context, in order, with its script. */
  runs(): readonly RunScript[] {
    if (!this.runList) {
      this.runList = [];
      for (const n of this.instructionsOf('RUN')) this.runList.push(this.run(n));
    }
    return this.runList;
  }

  /**
   * The names of every simple command the RUNs of this context run (`apt-get`, `yum`, …): a
   * rule about one command returns at once when no RUN runs it.
   */
  commandNames(): ReadonlySet<string> {
    if (!this.names) {
      this.names = new Set();
      for (const run of this.runs()) for (const c of run.commands) this.names.add(c.name);
    }
    return this.names;
  }

  /**
   * The ONBUILD instruction a trigger belongs to, or the node itself: what a finding is placed
   * on and what pragmas above it apply to.
   */
  anchorOf(node: InstructionNode): InstructionNode {
    return this.shared.owners?.get(node) ?? node;
  }

  /** Where a node is in the file (a trigger is where its ONBUILD is). */
  positionOf(node: InstructionNode): Position | undefined {
    return node.position ?? this.shared.owners?.get(node)?.position;
  }
}

/**
 * Puts the instructions of each keyword BuildKit knows in `lists`, at the keyword's number, and
 * gives the set of their keywords.
 */
function sortByKeyword(
  instructions: readonly InstructionNode[],
  lists: (InstructionNode[] | undefined)[],
): KeywordSet {
  let keywords = 0;
  for (let i = 0; i < instructions.length; i++) {
    const n = instructions[i]!;
    const k = keywordNumber(n.keyword);
    if (k < 0) continue;
    const same = lists[k];
    if (same) same.push(n);
    else {
      lists[k] = [n];
      keywords |= 1 << k;
    }
  }
  return keywords;
}

/** A plain copy of a (frozen) list: see the RuleContext constructor. */
function plain<T>(list: readonly T[]): T[] {
  const copy: T[] = [];
  for (let i = 0; i < list.length; i++) copy.push(list[i]!);
  return copy;
}
