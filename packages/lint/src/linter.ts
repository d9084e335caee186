import { type DockerfileNode, type InstructionNode, type Position, parse } from '@dockwright/ast';
import type { KeywordSet } from './internal/keyword-set.js';
import { mergeSameProblems, type Reported } from './merge-findings.js';
import { ConfigPolicy, checkPlatformOption, Policy, RuleTable } from './policy.js';
import { RuleContext } from './rule-context.js';
import { allRules } from './rules/all-rules.js';
import { shellcheckFindings } from './shellcheck/shellcheck-findings.js';
import type {
  Finding,
  Fix,
  LintInput,
  LintOptions,
  Report,
  Rule,
  RuleMeta,
  Severity,
} from './types.js';

/**
 * What differs from one file to the next when a linter checks many: the name put on findings,
 * the `.dockerignore` of its build context, ShellCheck's comments on its RUN scripts, and the
 * facts resolved about its base images (`images`, `buildPlatform`). Each one given replaces
 * the linter's own option of the same name for this file.
 */
export type FileOptions = Pick<
  LintOptions,
  'file' | 'dockerignore' | 'shellcheck' | 'images' | 'buildPlatform'
>;

/** Lints Dockerfiles with one configuration. */
export interface Linter {
  /**
   * The findings for one Dockerfile (text or parsed tree), as {@link lint} gives them. A linter
   * keeps nothing from one file to the next: the findings do not depend on what it linted
   * before.
   */
  lint(input: LintInput, file?: FileOptions): Finding[];
}

/**
 * A linter for one configuration: the levels, ignore list and `buildkitCheck` are read, and the
 * rules they switch off dropped, once, rather than for every file. The options are the object's
 * own fields, as `{ ...options }` reads them (inherited ones are not read), taken when the linter
 * is made: changing the object afterwards changes nothing. {@link lint} makes one per
 * call; a caller checking many files with the same options (the CLI) makes one and reuses it.
 * A malformed `options.buildkitCheck` throws {@link CheckConfigError} here; an option of the
 * wrong shape, or a `platform` or `buildPlatform` that is no platform (`linux/`), a
 * `TypeError` naming it.
 *
 * @example
 * ```ts
 * const linter = createLinter({ rules: { DL3008: 'off' } });
 * for (const { name, text } of files) report(name, linter.lint(text, { file: name }));
 * ```
 */
export function createLinter(options: LintOptions = {}): Linter {
  return new RuleLinter(options, EVERY_RULE, true);
}

/** Every rule, read once: what each configuration starts from. */
const EVERY_RULE = new RuleTable(allRules);

/**
 * A linter over a chosen set of rules; `merge: false` keeps each rule's own findings where
 * {@link createLinter}'s folds the findings of one problem together (the rule tests use it).
 */
export class RuleLinter implements Linter {
  private readonly options: LintOptions;
  private readonly config: ConfigPolicy;
  private readonly merge: boolean;
  private readonly wantFixes: boolean;

  constructor(options: LintOptions, rules: RuleTable | readonly Rule[], merge: boolean) {
    // A copy: the caller changing its options object later changes nothing here, as the levels
    // and ignore list (read once, below) would not change either.
    const own = readOptions(options);
    // It checks the options' types before the copy of buildArgs below.
    this.config = new ConfigPolicy(own, rules instanceof RuleTable ? rules : new RuleTable(rules));
    // Frozen, so a rule cannot change the arguments the next file sees.
    if (own.buildArgs) own.buildArgs = Object.freeze({ ...own.buildArgs });
    this.options = own;
    this.merge = merge;
    this.wantFixes = own.fixes !== false;
  }

  lint(input: LintInput, file?: FileOptions): Finding[] {
    if (file?.buildPlatform !== undefined) checkPlatformOption('buildPlatform', file.buildPlatform);
    const options = file ? withFile(this.options, file) : this.options;
    const tree: DockerfileNode =
      typeof input === 'string' ? parse(input, { file: options.file }) : input;
    return new FileLint(tree, options, this.config, this.wantFixes).run(this.merge);
  }
}

/**
 * The options a linter reads, as an object of one shape whatever the caller's looked like: every
 * field present (undefined when not given) and in one order, so the reads rules make on every
 * file stay fast. Only the caller's own fields are visited: V8 gives an object made by
 * `{ ...defaults, fixes: false }` a map of its own each time, and each read of a field by name
 * from such an object is slow (reading all 15 names by name cost 2 µs a call, visiting the
 * fields it has about 1 µs). Rules reading a copy of such an object made every read slow.
 */
function readOptions(options: LintOptions): AllOptions {
  const o = blankOptions();
  for (const name in options) {
    // A field of LintOptions (the blank object has each one) the caller's object has itself.
    if (Object.hasOwn(o, name) && Object.hasOwn(options, name)) {
      (o as Record<string, unknown>)[name] = (options as Record<string, unknown>)[name];
    }
  }
  return o;
}

/** {@link readOptions}' object with what one file's options replace. */
function withFile(options: LintOptions, file: FileOptions): LintOptions {
  const o = { ...options } as AllOptions;
  o.file = file.file ?? options.file;
  o.dockerignore = file.dockerignore ?? options.dockerignore;
  o.shellcheck = file.shellcheck ?? options.shellcheck;
  o.images = file.images ?? options.images;
  o.buildPlatform = file.buildPlatform ?? options.buildPlatform;
  return o;
}

/** Every field of LintOptions, none left out (a field added there must be added here too). */
type AllOptions = { -readonly [K in keyof Required<LintOptions>]: LintOptions[K] | undefined };

function blankOptions(): AllOptions {
  return {
    file: undefined,
    rules: undefined,
    ignoreRules: undefined,
    dockerignore: undefined,
    fixes: undefined,
    buildkitCheck: undefined,
    trustedRegistries: undefined,
    labelSchema: undefined,
    strictLabels: undefined,
    disableIgnorePragma: undefined,
    shellcheck: undefined,
    platform: undefined,
    buildPlatform: undefined,
    buildArgs: undefined,
    images: undefined,
  };
}

/** One file being linted: its context, its policy and the findings so far. */
class FileLint {
  private readonly ctx: RuleContext;
  private readonly policy: Policy;
  private readonly file: string | undefined;
  private readonly wantFixes: boolean;
  private readonly reported: Reported[] = [];
  /** Where in `reported` the findings that may fold into another's are (few files have any). */
  private readonly folding: number[] = [];
  /** The rule running (its place in the table, -1: none) and the context it runs over. */
  private ruleIndex = -1;
  private view: RuleContext;
  /** The instructions with a place in the file, by offset: made when first needed. */
  private byOffset: InstructionNode[] | null = null;

  constructor(
    tree: DockerfileNode,
    private readonly options: LintOptions,
    private readonly config: ConfigPolicy,
    wantFixes: boolean,
  ) {
    this.ctx = new RuleContext(tree, options);
    this.view = this.ctx;
    this.file = options.file ?? tree.file;
    this.wantFixes = wantFixes;
    this.policy = new Policy(config, this.ctx, (severity, message, position) => {
      this.add('InvalidCheckOption', severity, message, position, undefined, null, null);
    });
  }

  run(merge: boolean): Finding[] {
    const { ctx, policy } = this;
    // By index, as the lists of the tree are frozen: see RuleContext.
    const { diagnostics } = ctx.tree;
    for (let i = 0; i < diagnostics.length; i++) {
      const d = diagnostics[i]!;
      if (d.severity !== 'error') continue;
      const anchor = this.instructionAt(d.position);
      this.add(d.code, 'error', d.message, d.position, undefined, null, anchor);
    }
    // BuildKit refuses these when it builds (dockerfile2llb), so they are errors like parse errors.
    for (let i = 0; i < ctx.stageProblems.length; i++) {
      const { message, node } = ctx.stageProblems[i]!;
      if (!node.position) continue;
      this.add('InvalidStageReference', 'error', message, node.position, undefined, null, node);
    }

    // The ONBUILD view has no stages and only the triggers: with none, a rule sees nothing there.
    const onbuild = hasTriggers(ctx) ? ctx.onbuildView() : null;
    const report = this.report;
    const { rules, keywords } = this.config.table;
    const { running } = this.config;
    for (let i = 0; i < rules.length; i++) {
      if (!running[i]) continue;
      const rule = rules[i]!;
      const { meta } = rule;
      if (!policy.runs(meta)) continue;
      this.ruleIndex = i;
      const about = keywords[i]!;
      if (applies(about, ctx)) {
        this.view = ctx;
        rule.check(ctx, report);
      }
      if (meta.onbuild && onbuild && applies(about, onbuild)) {
        this.view = onbuild;
        rule.check(onbuild, report);
      }
    }
    this.ruleIndex = -1;

    for (const sc of shellcheckFindings(ctx, this.options.shellcheck ?? [])) {
      const { ruleId, message, position } = sc.finding;
      const severity = policy.severityOf(ruleId, sc.finding.severity, sc.anchor);
      if (severity === null) continue;
      this.add(ruleId, severity, message, position, undefined, null, sc.anchor);
    }

    const kept =
      merge && this.folding.length > 0
        ? mergeSameProblems(this.reported, this.folding, ctx, this.config.table.foldTargets)
        : this.reported;
    // A loop, not `map`: it runs for every file, and `map` with a callback cost more here.
    const findings: Finding[] = [];
    for (let i = 0; i < kept.length; i++) findings.push(kept[i]!.finding);
    findings.sort(
      (a, b) => a.position.line - b.position.line || a.position.column - b.position.column,
    );
    return findings;
  }

  /** What rules report through: one function per file, whichever rule is running. */
  private readonly report: Report = (target, message, fix, configuredBy) => {
    const index = this.ruleIndex;
    if (index < 0) return;
    const view = this.view;
    const node = isInstruction(target) ? target : null;
    const position = node ? view.positionOf(node) : positionOf(target);
    if (!position) return;
    const anchor = node ? view.anchorOf(node) : this.instructionAt(position);
    const severity = this.policy.severity(index, configuredBy ?? anchor, position, anchor);
    if (severity === null) return;
    const edits = this.wantFixes ? (typeof fix === 'function' ? fix() : fix) : undefined;
    const { meta } = this.config.table.rules[index]!;
    if (meta.sameProblemAs) this.folding.push(this.reported.length);
    this.add(meta.id, severity, message, position, edits ?? undefined, meta, anchor);
  };

  /** The instruction whose text holds a position (a comment or blank line has none). */
  private instructionAt(position: Position): InstructionNode | null {
    // The last instruction starting at or before the offset, found by halving: the spans of a
    // parsed file's instructions do not overlap.
    this.byOffset ??= byOffset(this.ctx.instructions);
    const sorted = this.byOffset;
    const offset = position.offset;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]!.position!.offset <= offset) lo = mid + 1;
      else hi = mid;
    }
    const n = sorted[lo - 1];
    const p = n?.position;
    return p && offset < Math.max(p.endOffset, p.offset + 1) ? n! : null;
  }

  private add(
    ruleId: string,
    severity: Severity,
    message: string,
    position: Position,
    fix: Fix | undefined,
    meta: Pick<RuleMeta, 'id' | 'sameProblemAs'> | null,
    anchor: InstructionNode | null,
  ): void {
    const file = this.file;
    const finding: Finding = fix
      ? file
        ? { ruleId, severity, message, position, fix, file }
        : { ruleId, severity, message, position, fix }
      : file
        ? { ruleId, severity, message, position, file }
        : { ruleId, severity, message, position };
    this.reported.push({ finding, meta, anchor });
  }
}

/** Whether an instruction of the file is an ONBUILD with a trigger (few files have one). */
function hasTriggers(ctx: RuleContext): boolean {
  for (const n of ctx.instructionsOf('ONBUILD')) if (n.trigger) return true;
  return false;
}

/**
 * Whether a rule about instructions of the keywords `about` (empty: of any) has something to
 * check in `ctx`: one about RUNs has nothing to check in a file without any.
 */
function applies(about: KeywordSet, ctx: RuleContext): boolean {
  return about === 0 || (about & ctx.keywords) !== 0;
}

function isInstruction(target: unknown): target is InstructionNode {
  return (target as { type?: string }).type === 'instruction';
}

function positionOf(target: { readonly position?: Position } | Position): Position | undefined {
  if ('endOffset' in target) return target as Position;
  return (target as { position?: Position }).position;
}

/** The instructions that have a place in the file, in the order of their offsets. */
function byOffset(instructions: readonly InstructionNode[]): InstructionNode[] {
  const placed: InstructionNode[] = [];
  for (const n of instructions) if (n.position) placed.push(n);
  // A parsed file's are in order already; a tree put together by hand may not be.
  return placed.sort((a, b) => a.position!.offset - b.position!.offset);
}
