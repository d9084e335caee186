import type { HealthProbe } from '@dockwright/sdk';
import type { NodePackageManagerChoice, PythonPackageManagerName } from '../package-managers.js';

/**
 * What the container files need to know about a project, new or existing: the input of
 * {@link containerFiles}. A template builds one from its settings (a new project) or from what
 * it detected (`--existing`).
 */
export type ContainerPlan = PythonPlan | NodePlan;

interface CommonPlan {
  /** The Docker image and Compose service name. */
  readonly imageName: string;
  readonly port: number;
  readonly healthcheck: HealthProbe | false;
}

export interface PythonPlan extends CommonPlan {
  readonly language: 'python';
  readonly pythonVersion: string;
  readonly packageManager: PythonPackageManagerName;
  /** pip: the requirements file, and the files it includes. */
  readonly requirements: string;
  readonly installFiles: readonly string[];
  /** Pinned packages the image adds (gunicorn for a project without it). */
  readonly extraPackages: readonly string[];
  /** The exec-form command; undefined: gunicorn serving `app`. */
  readonly command: readonly string[] | undefined;
  /** The WSGI application (`module:variable`). */
  readonly app: string;
  readonly poetryVersion: string | undefined;
}

export interface NodePlan extends CommonPlan {
  readonly language: 'node';
  readonly nodeVersion: string;
  readonly packageManager: NodePackageManagerChoice;
  /**
   * The release corepack runs when package.json pins none (`corepack pnpm@8.15.9`): the one
   * that reads the project's lockfile. Undefined when `packageManager` pins it (or for npm).
   */
  readonly corepackVersion: string | undefined;
  /** Yarn 2+ Plug'n'Play. */
  readonly pnp: boolean;
  readonly esm: boolean;
  /** Files the install reads besides package.json and the lockfile. */
  readonly installFiles: readonly string[];
  readonly build:
    | { readonly script: string; readonly output: string; readonly runtimeFiles: readonly string[] }
    | undefined;
  /** `node <entry>` unless `command` is given. */
  readonly entry: string;
  readonly command: readonly string[] | undefined;
  readonly exitOnSigterm: boolean;
}
