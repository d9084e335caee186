import type { DockerfileNode, InstructionNode, Position } from '@dockwright/ast';

/** How a finding is reported; `off` in configuration disables a rule. */
export type Severity = 'error' | 'warning' | 'info';
export type Level = Severity | 'off';

/** Where a rule comes from: BuildKit's build checks, hadolint's DL rules, or this project. */
export type RuleSource = 'buildkit' | 'hadolint' | 'dockwright';

/** One node replaced by another; untouched nodes keep their bytes. */
export interface Edit {
  readonly target: InstructionNode;
  readonly replacement: InstructionNode;
}

/** A safe fix: tree edits applied together. */
export interface Fix {
  readonly description: string;
  readonly edits: readonly Edit[];
}

export interface Finding {
  /** The rule id: BuildKit's name (`StageNameCasing`), hadolint's code (`DL3008`) or `dockwright/…`. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based line and column of the instruction (or line) the finding is about. */
  readonly position: Position;
  readonly fix?: Fix;
  /** The file the finding is about, when one was given. */
  readonly file?: string;
}

export interface RuleMeta {
  readonly id: string;
  readonly source: RuleSource;
  readonly severity: Severity;
  /** One sentence, shown in docs and SARIF. */
  readonly description: string;
  readonly url?: string;
  /** BuildKit experimental checks are off unless enabled (`# check=experimental=…`). */
  readonly experimental?: boolean;
  /** Whether the rule can carry a fix. */
  readonly fixable?: boolean;
}

export type Report = (
  node: { readonly position?: Position } | Position,
  message: string,
  fix?: Fix,
) => void;

export interface Rule {
  readonly meta: RuleMeta;
  readonly check: (ctx: import('./rule-context.js').RuleContext, report: Report) => void;
}

export interface LintOptions {
  /** The file name put on findings. */
  readonly file?: string;
  /** Severity per rule id (`off` disables). */
  readonly rules?: Readonly<Record<string, Level>>;
  /** Rule ids to skip. */
  readonly ignoreRules?: readonly string[];
  /** The `.dockerignore` text, for CopyIgnoredFile. */
  readonly dockerignore?: string;
  /**
   * The value of `BUILDKIT_DOCKERFILE_CHECK` (as passed with `--build-arg`): it replaces the
   * file's `# check=` directive, as BuildKit does.
   */
  readonly buildkitCheck?: string;
}

export type LintInput = string | DockerfileNode;
