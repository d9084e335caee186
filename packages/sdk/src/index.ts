export { type ArgRef, type ArgRefName, arg } from './arg.js';
export { type CommandList, commands } from './commands.js';
export { type Glob, glob } from './copy-source.js';
export {
  type AnyStage,
  type DeclaredName,
  type DockerfileOptions,
  type DockerfilePreamble,
  type DockerfileStage,
  dockerfile,
  type FromOptions,
} from './dockerfile.js';
export { DockerfileBuildError } from './dockerfile-build-error.js';
export { type DockerignoreBuilder, dockerignore } from './dockerignore.js';
export { edit } from './edit.js';
export type { NodeMatch, NodePlace } from './edit-helpers.js';
export { BASELINE_MINOR, FEATURES, type FrontendNeed, type FrontendVersion } from './frontend.js';
export { heredoc } from './heredoc.js';
export { image } from './image.js';
export { literal } from './literal.js';
export * from './recipes/index.js';
export { type StageName, stageName } from './stage-name.js';
export type * from './types.js';
