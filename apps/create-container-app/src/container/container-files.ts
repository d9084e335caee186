import { type DockerfileNode, type InstructionNode, print, viewHealthcheck } from '@dockwright/ast';
import { recipes } from '@dockwright/sdk';
import type { ContainerPlan } from './container-plan.js';

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
  /** The HEALTHCHECK, read back from the generated Dockerfile's tree (none: undefined). */
  readonly healthcheck: Healthcheck | undefined;
  /** Where the image keeps the source. */
  readonly workdir: string;
  /** The files the dependency install reads: a change to them needs a rebuild. */
  readonly dependencyFiles: readonly string[];
  /** Paths `docker compose watch` must not sync (local environments, build output). */
  readonly watchIgnore: readonly string[];
}

/**
 * The Dockerfile and .dockerignore through `@dockwright/sdk`'s recipes (never a text
 * template), plus what compose.yaml and the README need to say about them.
 *
 * @example
 * ```ts
 * containerFiles({ language: 'python', packageManager: 'pip', port: 8000, … }).dockerfile
 * // 'ARG PYTHON_VERSION=3.12\n\nFROM python:${PYTHON_VERSION}-slim AS runtime\n…'
 * ```
 */
export function containerFiles(plan: ContainerPlan): ContainerFiles {
  if (plan.language === 'python') {
    const tree = recipes
      .python({
        pythonVersion: plan.pythonVersion,
        port: plan.port,
        packageManager: plan.packageManager,
        requirements: plan.requirements,
        installFiles: plan.installFiles,
        extraPackages: plan.extraPackages,
        app: plan.app,
        ...(plan.command ? { command: plan.command } : {}),
        healthcheck: plan.healthcheck,
        ...(plan.poetryVersion ? { poetryVersion: plan.poetryVersion } : {}),
      })
      .toAst();
    return {
      dockerfile: print(tree),
      dockerignore: recipes.pythonDockerignore().toString(),
      healthcheck: healthcheckOf(tree),
      workdir: recipes.appDir,
      dependencyFiles:
        plan.packageManager === 'pip'
          ? [plan.requirements, ...plan.installFiles]
          : plan.packageManager === 'uv'
            ? ['pyproject.toml', 'uv.lock']
            : ['pyproject.toml', 'poetry.lock'],
      watchIgnore: ['.venv/', '__pycache__/'],
    };
  }
  const pm = recipes.nodePackageManagers[plan.packageManager.kind];
  const tree = recipes
    .node({
      nodeVersion: plan.nodeVersion,
      port: plan.port,
      packageManager: plan.packageManager.kind,
      ...(plan.corepackVersion ? { packageManagerVersion: plan.corepackVersion } : {}),
      pnp: plan.pnp,
      esm: plan.esm,
      installFiles: plan.installFiles,
      hasBuildScript: plan.build !== undefined,
      ...(plan.build
        ? {
            buildScript: plan.build.script,
            buildOutput: plan.build.output,
            runtimeFiles: plan.build.runtimeFiles,
          }
        : {}),
      entry: plan.entry,
      ...(plan.command ? { command: plan.command } : {}),
      exitOnSigterm: plan.exitOnSigterm,
      healthcheck: plan.healthcheck,
    })
    .toAst();
  return {
    dockerfile: print(tree),
    dockerignore: recipes.nodeDockerignore().toString(),
    healthcheck: healthcheckOf(tree),
    workdir: recipes.appDir,
    dependencyFiles: ['package.json', pm.lockfile, ...plan.installFiles],
    watchIgnore: ['node_modules/', ...(plan.build ? [`${plan.build.output}/`] : [])],
  };
}

/** The last HEALTHCHECK (the one Docker uses), from the recipe's tree. */
function healthcheckOf(tree: DockerfileNode): Healthcheck | undefined {
  let found: InstructionNode | undefined;
  for (const node of tree.children) {
    if (node.type === 'instruction' && node.keyword === 'HEALTHCHECK') found = node;
  }
  if (!found) return undefined;
  const view = viewHealthcheck(found);
  if (!view || !Array.isArray(view.command)) {
    throw new Error('the recipe wrote a HEALTHCHECK that is not in exec form');
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
