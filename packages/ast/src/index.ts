export { dump, dumpInstruction } from './dump.js';
export { type InstructionLayout, instructionLayout } from './edit/instruction-layout.js';
export { replaceInstructionText } from './edit/replace-instruction-text.js';
export { sourceText } from './edit/source-text.js';
export { withArgumentsText } from './edit/with-arguments-text.js';
export { withKeywordText } from './edit/with-keyword-text.js';
export { withRest } from './edit/with-rest.js';
export { DockerfileSyntaxError } from './errors.js';
export {
  type ExpandEnv,
  type ExpandOptions,
  type ExpandResult,
  expand,
  expandWithMatches,
  expandWords,
} from './expand.js';
export { ExpansionError } from './expansion-error.js';
export {
  comment,
  directive,
  dockerfile,
  flag,
  heredoc,
  instruction,
} from './factories.js';
export { goQuote } from './go-quote.js';
export { findHeredocs, type HeredocMarker, parseHeredocWord } from './heredoc-words.js';
export { INSTRUCTION_KEYWORDS, type InstructionKeyword, STAGE_NAME_PATTERN } from './keywords.js';
export type * from './nodes.js';
export { type ParseOptions, parse, parseStrict } from './parse.js';
export { canonicalLine, formatFlag, formatJsonArray, print } from './print.js';
export {
  type Stage,
  type StageDependency,
  type StageProblem,
  type Stages,
  stages,
} from './stages.js';
export { type TransformFn, type TransformResult, transform } from './transform.js';
export {
  type InstructionProblem,
  type ValidateOptions,
  validateInstruction,
} from './validate-instruction.js';
export { envPairs } from './views/env-pairs.js';
export { heredocContent } from './views/heredoc-content.js';
export { parseCsv } from './views/parse-csv.js';
export { parseDuration } from './views/parse-duration.js';
export { parseMount } from './views/parse-mount.js';
export { suggest } from './views/suggest.js';
export type * from './views/types.js';
export { unquote } from './views/unquote.js';
export { type ViewByKeyword, view } from './views/view.js';
export { viewArg } from './views/view-arg.js';
export { viewCommand } from './views/view-command.js';
export { viewCopy } from './views/view-copy.js';
export { parsePort, viewExpose } from './views/view-expose.js';
export { splitImage, viewFrom } from './views/view-from.js';
export { viewHealthcheck } from './views/view-healthcheck.js';
export { viewKeyValue } from './views/view-key-value.js';
export { viewOnbuild } from './views/view-onbuild.js';
export { commandOf, parseDevice, viewRun } from './views/view-run.js';
export { viewString } from './views/view-string.js';
export { viewVolume } from './views/view-volume.js';
export { type VisitContext, type VisitFn, type Visitor, visit } from './visit.js';
export { withChildren } from './with-children.js';
export { formatFlagWord, parseWords, splitSeparated } from './words.js';
