export type * from './nodes.js';
export type * from './views/types.js';
export { parse, parseStrict, type ParseOptions } from './parse.js';
export { print, canonicalLine, formatFlag, formatJsonArray } from './print.js';
export { dump, dumpInstruction } from './dump.js';
export { DockerfileSyntaxError } from './errors.js';
export { instruction, flag, heredoc, comment, directive, dockerfile } from './factories.js';
export { findHeredocs, parseHeredocWord, type HeredocMarker } from './heredoc-words.js';
export { goQuote } from './go-quote.js';
export { parseWords, splitSeparated, formatFlagWord } from './words.js';
export { view, type ViewByKeyword } from './views/view.js';
export { viewFrom, splitImage } from './views/view-from.js';
export { viewRun, commandOf, parseDevice } from './views/view-run.js';
export { viewCommand } from './views/view-command.js';
export { viewCopy } from './views/view-copy.js';
export { viewKeyValue } from './views/view-key-value.js';
export { viewArg } from './views/view-arg.js';
export { viewExpose, parsePort } from './views/view-expose.js';
export { viewHealthcheck } from './views/view-healthcheck.js';
export { viewString } from './views/view-string.js';
export { viewVolume } from './views/view-volume.js';
export { viewOnbuild } from './views/view-onbuild.js';
export { envPairs } from './views/env-pairs.js';
export { heredocContent } from './views/heredoc-content.js';
export { parseMount } from './views/parse-mount.js';
export { parseCsv } from './views/parse-csv.js';
export { parseDuration } from './views/parse-duration.js';
export { unquote } from './views/unquote.js';
export { suggest } from './views/suggest.js';
export {
  validateInstruction,
  type InstructionProblem,
  type ValidateOptions,
} from './validate-instruction.js';
export { visit, type Visitor, type VisitContext, type VisitFn } from './visit.js';
export { transform, type TransformFn, type TransformResult } from './transform.js';
export { stages, type Stage, type Stages, type StageDependency } from './stages.js';
export {
  expand,
  expandWords,
  expandWithMatches,
  type ExpandEnv,
  type ExpandOptions,
  type ExpandResult,
} from './expand.js';
export { ExpansionError } from './expansion-error.js';
