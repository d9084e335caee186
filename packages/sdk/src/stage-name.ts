import { STAGE_NAME_PATTERN } from '@dockwright/ast';
import { DockerfileBuildError, show } from './dockerfile-build-error.js';
import { describe } from './literal.js';

declare const stageNameBrand: unique symbol;

/**
 * A stage name checked at run time by {@link stageName}: a name the compiler cannot see (from
 * configuration, a loop) that still keeps stage checking on. Later stages reference the stage
 * through its `.stage` handle or this same value; a plain string that was never declared still
 * does not compile.
 */
export type StageName = string & { readonly [stageNameBrand]: true };

const RESERVED = new Set(['scratch', 'context']);

/**
 * Checks a stage name computed at run time (`^[a-z][a-z0-9-_.]*$`, not `scratch` or `context`)
 * and types it as a {@link StageName} for `from(…, { as })`. Use it instead of
 * `as Lowercase<string>`, which turns stage checking off.
 *
 * @example
 * ```ts
 * const name = stageName(`build-${target}`); // throws a DockerfileBuildError for "Build x"
 * const build = dockerfile().from('node:22', { as: name });
 * build.from('node:22-slim').copy('/app', '/app', { from: build.stage }); // COPY --from=build-web …
 * ```
 */
export function stageName(name: string): StageName {
  if (typeof name !== 'string') {
    throw new DockerfileBuildError('stageName', `the name must be a string, got ${describe(name)}`);
  }
  if (!STAGE_NAME_PATTERN.test(name)) {
    throw new DockerfileBuildError(
      'stageName',
      `invalid name for build stage: ${show(name)}, it must match ${STAGE_NAME_PATTERN.source}`,
    );
  }
  if (RESERVED.has(name)) {
    throw new DockerfileBuildError('stageName', `the stage name ${show(name)} is reserved`);
  }
  return name as StageName;
}
