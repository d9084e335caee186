export { build } from './build.js';
export {
  BuildError,
  type BuildErrorDetails,
  type BuildErrorLocation,
  BuildOptionsError,
} from './build-error.js';
export type * from './types.js';
