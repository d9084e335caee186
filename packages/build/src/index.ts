export {
  type BakeFile,
  type BakeFileTarget,
  type BakeTarget,
  bake,
  bakeTargets,
} from './bake.js';
export { build } from './build.js';
export {
  BuildError,
  type BuildErrorDetails,
  type BuildErrorLocation,
  BuildOptionsError,
} from './build-error.js';
export {
  type Credentials,
  CredentialsError,
  credentialsKey,
  dockerCredentials,
} from './docker-credentials.js';
export {
  type ImageReference,
  ImageReferenceError,
  parseImageReference,
} from './image-reference.js';
export { type ImageReferenceSite, imageReferences } from './image-references.js';
export { EngineError, enginePlatform, type LocalImage, localImage } from './local-image.js';
export {
  type PinMode,
  type PinnedReference,
  type PinOptions,
  type PinResult,
  type PinStatus,
  pinDockerfile,
} from './pin.js';
export {
  createRegistryClient,
  type ImageConfig,
  type ManifestPlatform,
  type RegistryClient,
  RegistryError,
  type RegistryImage,
  type RegistryOptions,
} from './registry-client.js';
export {
  type BakeTargetResult,
  type RunBakeOptions,
  type RunBakeResult,
  runBake,
} from './run-bake.js';
export type * from './types.js';
