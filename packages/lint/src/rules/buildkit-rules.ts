import type { Rule } from '../types.js';
import { consistentInstructionCasing } from './buildkit/consistent-instruction-casing.js';
import { copyIgnoredFile } from './buildkit/copy-ignored-file.js';
import { duplicateStageName } from './buildkit/duplicate-stage-name.js';
import { exposeInvalidFormat } from './buildkit/expose-invalid-format.js';
import { exposeProtoCasing } from './buildkit/expose-proto-casing.js';
import { fromAsCasing } from './buildkit/from-as-casing.js';
import { fromPlatformFlagConstDisallowed } from './buildkit/from-platform-flag-const-disallowed.js';
import { invalidBaseImagePlatform } from './buildkit/invalid-base-image-platform.js';
import { invalidDefaultArgInFrom } from './buildkit/invalid-default-arg-in-from.js';
import { invalidDefinitionDescription } from './buildkit/invalid-definition-description.js';
import { jsonArgsRecommended } from './buildkit/json-args-recommended.js';
import { legacyKeyValueFormat } from './buildkit/legacy-key-value-format.js';
import { maintainerDeprecated } from './buildkit/maintainer-deprecated.js';
import { multipleInstructionsDisallowed } from './buildkit/multiple-instructions-disallowed.js';
import { noEmptyContinuation } from './buildkit/no-empty-continuation.js';
import { redundantTargetPlatform } from './buildkit/redundant-target-platform.js';
import { reservedStageName } from './buildkit/reserved-stage-name.js';
import { secretsUsedInArgOrEnv } from './buildkit/secrets-used-in-arg-or-env.js';
import { stageNameCasing } from './buildkit/stage-name-casing.js';
import { undefinedArgInFrom } from './buildkit/undefined-arg-in-from.js';
import { undefinedVar } from './buildkit/undefined-var.js';
import { workdirRelativePath } from './buildkit/workdir-relative-path.js';

/**
 * BuildKit's build checks (linter/ruleset.go) under their own names. InvalidBaseImagePlatform
 * reports only with the facts a caller resolved (`LintOptions.images`).
 */
export const buildkitRules: readonly Rule[] = [
  stageNameCasing,
  fromAsCasing,
  noEmptyContinuation,
  consistentInstructionCasing,
  duplicateStageName,
  reservedStageName,
  jsonArgsRecommended,
  maintainerDeprecated,
  undefinedArgInFrom,
  workdirRelativePath,
  undefinedVar,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  redundantTargetPlatform,
  secretsUsedInArgOrEnv,
  invalidDefaultArgInFrom,
  fromPlatformFlagConstDisallowed,
  invalidBaseImagePlatform,
  copyIgnoredFile,
  invalidDefinitionDescription,
  exposeProtoCasing,
  exposeInvalidFormat,
];
