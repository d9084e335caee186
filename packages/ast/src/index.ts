// The public surface of @dockwright/ast, by layer (see docs/architecture.md). Everything else
// in src/ is internal.

// edit/: changing an instruction's raw text.
export {
  type InstructionLayout,
  instructionLayout,
  type TextSpan,
} from './edit/instruction-layout.js';
export { replaceInstructionText } from './edit/replace-instruction-text.js';
export { sourceText } from './edit/source-text.js';
export { withArgumentsText } from './edit/with-arguments-text.js';
export { withKeywordText } from './edit/with-keyword-text.js';
export { withRest } from './edit/with-rest.js';
// instructions/: what each instruction means, and BuildKit's checks.
export { PLATFORM_ARGS, PREDEFINED_ARGS } from './instructions/build-args.js';
export { envPairs } from './instructions/env-pairs.js';
export {
  MOUNT_SHARING_MODES,
  MOUNT_TYPES,
  RUN_NETWORK_MODES,
  RUN_SECURITY_MODES,
} from './instructions/flag-values.js';
export { heredocContent } from './instructions/heredoc-content.js';
export { parseCsv } from './instructions/parse-csv.js';
export { parseDuration } from './instructions/parse-duration.js';
export { parseMount } from './instructions/parse-mount.js';
export { suggest } from './instructions/suggest.js';
export { unquote } from './instructions/unquote.js';
export {
  type InstructionProblem,
  type ValidateOptions,
  validateInstruction,
} from './instructions/validate-instruction.js';
export { type ViewByKeyword, view } from './instructions/view.js';
export { viewArg } from './instructions/view-arg.js';
export { viewCommand } from './instructions/view-command.js';
export { viewCopy } from './instructions/view-copy.js';
export { viewExpose } from './instructions/view-expose.js';
export { splitImage, viewFrom } from './instructions/view-from.js';
export { viewHealthcheck } from './instructions/view-healthcheck.js';
export { viewKeyValue } from './instructions/view-key-value.js';
export { viewOnbuild } from './instructions/view-onbuild.js';
export { viewRun } from './instructions/view-run.js';
export { viewString } from './instructions/view-string.js';
export type * from './instructions/view-types.js';
export { viewVolume } from './instructions/view-volume.js';
// parser/: text to tree.
export { DockerfileSyntaxError } from './parser/dockerfile-syntax-error.js';
export { type ParseOptions, parse, parseStrict } from './parser/parse.js';
// print/: tree to text.
export { canonicalLine, formatFlag, formatJsonArray } from './print/canonical.js';
export { dump, dumpInstruction } from './print/dump.js';
export { print } from './print/print.js';
// shell/: BuildKit's variable expansion.
export {
  type ExpandEnv,
  type ExpandOptions,
  type ExpandResult,
  expand,
  expandWithMatches,
  expandWords,
} from './shell/expand.js';
export { ExpansionError } from './shell/expansion-error.js';
// syntax/: Dockerfile lexical facts.
export { goQuote } from './syntax/go-quote.js';
export { findHeredocs, type HeredocMarker } from './syntax/heredoc-markers.js';
export {
  INSTRUCTION_KEYWORDS,
  type InstructionKeyword,
  RESERVED_STAGE_NAMES,
  STAGE_NAME_PATTERN,
} from './syntax/keywords.js';
// tree/: the nodes, their factories, walking and deriving trees.
export {
  createComment,
  createDirective,
  createDockerfile,
  createFlag,
  createHeredoc,
  createInstruction,
  type InstructionInit,
} from './tree/factories.js';
export { globalArgValues } from './tree/global-args.js';
export type * from './tree/nodes.js';
export {
  type BuildStage,
  type StageDependency,
  type StageProblem,
  type Stages,
  stages,
} from './tree/stages.js';
export { type TransformFn, type TransformResult, transform } from './tree/transform.js';
export { type VisitContext, type VisitFn, type Visitor, visit } from './tree/visit.js';
export { withChildren } from './tree/with-children.js';
