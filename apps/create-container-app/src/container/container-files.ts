import { type DockerfileNode, type InstructionNode, print, viewHealthcheck } from '@dockwright/ast';
import { recipes } from '@dockwright/sdk';
import type { ProjectOptions } from './project-options.js';

/** A HEALTHCHECK as compose.yaml writes it: exec-form command, Go durations, retries. */
export interface Healthcheck {
  readonly command: readonly string[];
  readonly interval: string | undefined;
  readonly timeout: string | undefined;
  readonly startPeriod: string | undefined;
  readonly retries: number | undefined;
}

/** The container side of a project: Dockerfile, .dockerignore, and facts compose.yaml repeats. */
export interface ContainerFiles {
  readonly dockerfile: string;
  readonly dockerignore: string;
  /** The HEALTHCHECK, read back from the generated Dockerfile's tree. */
  readonly healthcheck: Healthcheck;
  /** Where the image keeps the source. */
  readonly workdir: string;
  /** The files the dependency install reads: a change to them needs a rebuild. */
  readonly dependencyFiles: readonly string[];
  /** The production install command, for the README. */
  readonly installCommand: string;
}

/**
 * The Dockerfile and .dockerignore through `@dockwright/sdk`'s recipes (never a text template),
 * plus what compose.yaml and the README need to say about them.
 *
 * @example
 * ```ts
 * containerFiles({ template: 'flask', port: 8000, pythonVersion: '3.12', … }, { gracefulTimeout: 8 })
 *   .dockerfile.startsWith('ARG PYTHON_VERSION=3.12') // true
 * ```
 */
export function containerFiles(
  options: ProjectOptions,
  settings: { gracefulTimeout: number },
): ContainerFiles {
  const recipe =
    options.template === 'flask'
      ? recipes.python({
          pythonVersion: options.pythonVersion,
          port: options.port,
          app: 'app:app',
          gracefulTimeout: settings.gracefulTimeout,
        })
      : recipes.node({
          nodeVersion: options.nodeVersion,
          port: options.port,
          packageManager: options.packageManager,
          hasBuildScript: false,
          entry: 'server.js',
        });
  // One tree for both the text and the healthcheck (toString() would build it again).
  const tree = recipe.toAst();
  const dockerfile = print(tree);
  const ignore =
    options.template === 'flask' ? recipes.pythonDockerignore() : recipes.nodeDockerignore();
  return {
    dockerfile,
    dockerignore: ignore.toString(),
    healthcheck: healthcheckOf(tree),
    workdir: recipes.appDir,
    dependencyFiles:
      options.template === 'flask'
        ? ['requirements.txt']
        : ['package.json', recipes.nodePackageManagers[options.packageManager].lockfile],
    installCommand:
      options.template === 'flask'
        ? 'pip install -r requirements.txt'
        : recipes.nodePackageManagers[options.packageManager].prodInstall,
  };
}

/** The last HEALTHCHECK (the one Docker uses), from the recipe's tree. */
function healthcheckOf(tree: DockerfileNode): Healthcheck {
  let found: InstructionNode | undefined;
  for (const node of tree.children) {
    if (node.type === 'instruction' && node.keyword === 'HEALTHCHECK') found = node;
  }
  const view = found ? viewHealthcheck(found) : null;
  if (!view || !Array.isArray(view.command)) {
    throw new Error('the recipe wrote no exec-form HEALTHCHECK');
  }
  const duration = (ms: number | null) => (ms === null ? undefined : `${ms / 1000}s`);
  return {
    command: view.command,
    interval: duration(view.interval),
    timeout: duration(view.timeout),
    startPeriod: duration(view.startPeriod),
    retries: view.retries ?? undefined,
  };
}
