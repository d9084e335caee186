import type {
  DockerfileNode,
  InstructionKeyword,
  InstructionNode,
  Position,
} from '@dockwright/ast';
import type { LabelType } from './label-schema.js';
import type { ShellcheckResult } from './shellcheck/shellcheck-job.js';

/** How a finding is reported: hadolint's levels (`style` is below `info`). */
export type Severity = 'error' | 'warning' | 'info' | 'style';
/** A severity, or `off` to disable a rule (hadolint's `ignore`). */
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
  /**
   * The rule id: BuildKit's name (`StageNameCasing`), hadolint's code (`DL3008`), ShellCheck's
   * (`SC2086`) or `dockwright/…`.
   */
  readonly ruleId: string;
  /**
   * Other rules that report the same problem at the same place (`DL3000` next to
   * `WorkdirRelativePath`): the problem is reported once, under every id that caught it.
   */
  readonly alsoRuleIds?: readonly string[];
  readonly severity: Severity;
  readonly message: string;
  /** 1-based line and column of the instruction (or the part of it) the finding is about. */
  readonly position: Position;
  readonly fix?: Fix;
  /** The file the finding is about, when one was given. */
  readonly file?: string;
}

/** A Dockerfile a rule's documentation shows, with the options it needs. */
export interface RuleExample {
  readonly dockerfile: string;
  readonly options?: LintOptions;
}

export interface RuleMeta {
  readonly id: string;
  readonly source: RuleSource;
  /** The default level; `off` for rules that report only when enabled (hadolint's `ignore`). */
  readonly severity: Level;
  /** One sentence, shown in docs and SARIF. */
  readonly description: string;
  readonly url?: string;
  /** BuildKit experimental checks are off unless enabled (`# check=experimental=…`). */
  readonly experimental?: boolean;
  /** Whether the rule can carry a fix. */
  readonly fixable?: boolean;
  /**
   * BuildKit checks: whether `# check=` comments above an instruction configure the check for
   * that instruction (`instruction`, the default) or only the file's directive does (`file`:
   * BuildKit runs these checks with the file-level configuration).
   */
  readonly checkConfig?: 'file' | 'instruction';
  /**
   * hadolint checks the rule on the instructions ONBUILD triggers as well (`ONBUILD RUN …`),
   * on their own: as if the triggers were the whole file.
   */
  readonly onbuild?: boolean;
  /**
   * The keywords of the instructions the rule is about: where no instruction has one of them (in
   * the file, or among the ONBUILD triggers), the rule reports nothing, and the linter does not
   * run it there. Unset: it runs on every file.
   */
  readonly keywords?: readonly InstructionKeyword[];
  /**
   * Rules (or parse errors) of another source that catch the same problem: when both report it,
   * it is reported once, under the other's message and place, naming both ids. `here`: the
   * other reports the same instruction; `previous`: the previous instruction of the same keyword
   * in the stage (BuildKit reports the overridden CMD, hadolint the one overriding it).
   */
  readonly sameProblemAs?: Readonly<Record<string, 'here' | 'previous'>>;
  /** For the documentation: a Dockerfile the rule reports and one it does not. */
  readonly examples?: { readonly reported: RuleExample; readonly notReported: RuleExample };
}

/**
 * Reports a finding on a node (or at a position). `configuredBy` names the instruction whose
 * `# check=` comments configure it when that is not the one reported (BuildKit reports an
 * overridden CMD under the configuration of the CMD overriding it). A fix may be given as a
 * function: it is then called only for a finding that is reported, and only when fixes are
 * wanted (`LintOptions.fixes`).
 */
export type Report = (
  node: { readonly position?: Position } | Position,
  message: string,
  fix?: Fix | (() => Fix | null | undefined),
  configuredBy?: InstructionNode,
) => void;

export interface Rule {
  readonly meta: RuleMeta;
  readonly check: (ctx: import('./rule-context.js').RuleContext, report: Report) => void;
}

export interface LintOptions {
  /** The file name put on findings. */
  readonly file?: string;
  /**
   * Level per rule id (`off` disables; `SC…` codes set ShellCheck findings' levels). hadolint's
   * `override` lists become entries here.
   */
  readonly rules?: Readonly<Record<string, Level>>;
  /** Rule ids to skip (hadolint's `ignored`). */
  readonly ignoreRules?: readonly string[];
  /** The `.dockerignore` text, for CopyIgnoredFile. */
  readonly dockerignore?: string;
  /**
   * Whether findings carry their safe fixes (default true). A report that shows no fixes can
   * skip computing them.
   */
  readonly fixes?: boolean;
  /**
   * The value of `BUILDKIT_DOCKERFILE_CHECK` (as passed with `--build-arg`): it replaces the
   * file's `# check=` directive, as BuildKit does.
   */
  readonly buildkitCheck?: string;
  /**
   * Registries FROM, `COPY --from` and `RUN --mount from=` may pull from (hadolint's
   * `trustedRegistries`, DL3026): exact names, or `*` patterns (`*.example.com`, `docker.*`).
   * DL3026 reports nothing while the list is empty.
   */
  readonly trustedRegistries?: readonly string[];
  /** Labels every stage must set, with the format of each value (hadolint's `label-schema`). */
  readonly labelSchema?: Readonly<Record<string, LabelType>>;
  /** Labels outside `labelSchema` are reported (hadolint's `strict-labels`, DL3050). */
  readonly strictLabels?: boolean;
  /** `# hadolint ignore=…` pragmas are not honoured (hadolint's `disable-ignore-pragma`). */
  readonly disableIgnorePragma?: boolean;
  /**
   * ShellCheck's comments on this file's RUN scripts, from `runShellcheck` over the jobs
   * `shellcheckJobs` gave for the same text and options. They become findings under `SC…` ids,
   * placed at their line and column in the Dockerfile and filtered like every other finding.
   */
  readonly shellcheck?: readonly ShellcheckResult[];
  /**
   * The platform the build is for (`docker build --platform linux/arm64`): FROM pulls its image
   * for it unless the FROM has a `--platform` of its own. Default: `buildPlatform`, as in a
   * build that asks for none.
   */
  readonly platform?: string;
  /**
   * The builder's native platform (`$BUILDPLATFORM`; BuildKit's first worker's first
   * platform): the default of `platform`.
   */
  readonly buildPlatform?: string;
  /**
   * Build arguments, as `docker build --build-arg NAME=VALUE` gives them: the values FROM lines
   * see for the global ARGs (before the first FROM) when base images are named
   * (`baseImageRequests`, InvalidBaseImagePlatform). As in BuildKit, one replaces the default
   * of an ARG the Dockerfile declares (or gives one without a default a value), is used as it
   * is written (not expanded), and changes nothing when no ARG declares it; the platform ARGs
   * (`TARGETARCH`, `BUILDPLATFORM`, …) and `TARGETSTAGE` take one whether declared or not.
   */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /**
   * What base images resolve to, for InvalidBaseImagePlatform, keyed by the FROM reference
   * after ARG expansion, as BuildKit resolves it (`alpine:3.20`, `127.0.0.1:5000/app:1`): the
   * platform the image's config names, or, for a multi-platform image, its manifests' platforms
   * (the one BuildKit would pull is chosen as BuildKit chooses it). `baseImageRequests` lists the
   * references a file needs. A FROM whose image is not here is not checked.
   */
  readonly images?: Readonly<Record<string, ImageFacts | readonly ImageFacts[]>>;
}

/** A platform as an image's config (or an index entry) names it. */
export interface ImagePlatform {
  /** `linux`, `windows`. */
  readonly os: string;
  /** `amd64`, `arm64`, `arm`. */
  readonly architecture: string;
  /** `v7`, `v8`. */
  readonly variant?: string;
  /** Windows: `10.0.20348.4171`. */
  readonly osVersion?: string;
  /** OS features the image needs (`win32k`). */
  readonly osFeatures?: readonly string[];
}

/** What lint needs to know about a base image. */
export interface ImageFacts extends ImagePlatform {
  /**
   * The image has no file system layers: BuildKit builds on it as on `scratch` and does not
   * check its platform. Default false.
   */
  readonly empty?: boolean;
}

export type LintInput = string | DockerfileNode;
