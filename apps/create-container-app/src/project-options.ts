import type { PackageManagerName, TemplateName } from './choices.js';

/** Everything the files depend on, resolved from flags, prompts and defaults. */
export interface ProjectOptions {
  /** The package name (the target directory's name), valid by npm's rules. */
  readonly name: string;
  /** The Docker image and Compose service name derived from it. */
  readonly imageName: string;
  readonly template: TemplateName;
  readonly port: number;
  readonly pythonVersion: string;
  readonly nodeVersion: string;
  readonly packageManager: PackageManagerName;
  /** `pnpm@x.y.z` or `yarn@1.x`; undefined for npm. */
  readonly packageManagerField: string | undefined;
}
