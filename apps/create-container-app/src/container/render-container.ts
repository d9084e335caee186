import { recipes } from '@dockwright/sdk';
import { DEFAULTS } from '../defaults.js';
import { hostCommands } from '../package-managers.js';
import type { ProjectFile } from '../write/staged-project.js';
import {
  COMPOSE_WATCH_COMMAND,
  composeFile,
  composeWatchFile,
  composeWatchVersion,
} from './compose-file.js';
import composeWatch from './compose-watch.md.hbs';
import { type ContainerFiles, containerFiles } from './container-files.js';
import type { ContainerPlan } from './container-plan.js';
import workflow from './docker-workflow.md.hbs';
import imageNotes from './image-notes.md.hbs';
import readmeDocker from './README.Docker.md.hbs';
import readmeNew from './README.md.hbs';

/** The README a run writes: a new project's README.md, or README.Docker.md beside an existing one. */
export type ReadmeKind =
  | {
      readonly kind: 'new';
      readonly name: string;
      /** The first words of the README: what the project is. */
      readonly description: string;
      /** How to run it without Docker. */
      readonly developCommands: readonly string[];
    }
  | {
      readonly kind: 'existing';
      readonly name: string;
      /** What detection found, one line each. */
      readonly found: readonly string[];
    };

/** The names of the container files, in the order a plan lists them. */
export const CONTAINER_FILES = [
  'Dockerfile',
  '.dockerignore',
  'compose.yaml',
  'compose.watch.yaml',
] as const;

/**
 * How Compose Watch keeps the plan's container current, for the closing message: an image that
 * runs a build's output is rebuilt on every edit (Compose 2.22 reads `develop.watch`); any other
 * gets source edits synced in and restarts (`sync+restart`, Compose 2.23).
 *
 * @example
 * ```ts
 * composeWatchOf(flaskPlan) // { command: 'docker compose -f compose.yaml -f compose.watch.yaml watch', version: '2.23', rebuilds: false }
 * ```
 */
export function composeWatchOf(plan: ContainerPlan): {
  command: string;
  version: string;
  rebuilds: boolean;
} {
  const rebuilds = rebuildsOnEdit(plan);
  return {
    command: COMPOSE_WATCH_COMMAND,
    version: composeWatchVersion({ rebuildOnEdit: rebuilds }),
    rebuilds,
  };
}

function rebuildsOnEdit(plan: ContainerPlan): boolean {
  return plan.language === 'node' && plan.build !== undefined;
}

/**
 * The container files of a project: Dockerfile and .dockerignore (from the recipes),
 * compose.yaml (repeating the Dockerfile's healthcheck, read back from its tree),
 * compose.watch.yaml (the Compose Watch rules) and the README with the Docker workflow.
 *
 * @example
 * ```ts
 * renderContainer(plan, { kind: 'existing', name: 'api', found: ['Flask app app:app'] }).map((f) => f.path)
 * // ['Dockerfile', '.dockerignore', 'compose.yaml', 'compose.watch.yaml', 'README.Docker.md']
 * ```
 */
export function renderContainer(plan: ContainerPlan, readme: ReadmeKind): ProjectFile[] {
  const container = containerFiles(plan);
  const composeOptions = {
    service: plan.imageName,
    port: plan.port,
    healthcheck: container.healthcheck,
    workdir: container.workdir,
    rebuildOn: container.dependencyFiles,
    ignore: container.watchIgnore,
    rebuildOnEdit: rebuildsOnEdit(plan),
  };
  const watch = composeWatchOf(plan);
  const shared = {
    name: readme.name,
    port: plan.port,
    build: watch.rebuilds,
    dependencyList: codeList(container.dependencyFiles),
    watch: composeWatch({
      build: watch.rebuilds,
      dependencyList: codeList(container.dependencyFiles),
      watchCommand: watch.command,
    }).trimEnd(),
    workflow: workflow({ imageName: plan.imageName, port: plan.port }).trimEnd(),
    imageNotes: imageNotesOf(plan, container).trimEnd(),
    recipe: plan.language,
  };
  const text =
    readme.kind === 'new'
      ? readmeNew({
          ...shared,
          description: readme.description,
          developCommands: readme.developCommands,
        })
      : readmeDocker({ ...shared, found: readme.found });
  return [
    { path: 'Dockerfile', content: container.dockerfile },
    { path: '.dockerignore', content: container.dockerignore },
    { path: 'compose.yaml', content: composeFile(composeOptions) },
    { path: 'compose.watch.yaml', content: composeWatchFile(composeOptions) },
    { path: readme.kind === 'new' ? 'README.md' : 'README.Docker.md', content: text },
  ];
}

function imageNotesOf(plan: ContainerPlan, container: ContainerFiles): string {
  const probe = plan.healthcheck;
  const healthcheck = !probe
    ? 'is left out (`--healthcheck none`)'
    : 'tcp' in probe
      ? 'checks that the port accepts connections'
      : probe.answer
        ? `checks that \`${probe.http}\` answers (any status below 500), with the runtime's own interpreter: slim images have no \`curl\``
        : `probes \`${probe.http}\` with the runtime's own interpreter: slim images have no \`curl\``;
  if (plan.language === 'python') {
    const gunicorn = !plan.command || plan.command[0] === 'gunicorn';
    return imageNotes({
      python: true,
      pip: plan.packageManager === 'pip',
      uv: plan.packageManager === 'uv',
      poetry: plan.packageManager === 'poetry',
      dependencyList: codeList(container.dependencyFiles),
      versionArg: versionArg(
        'PYTHON_VERSION',
        plan.pythonVersion,
        DEFAULTS.pythonVersion,
        DEFAULTS.pythonExampleVersion,
      ),
      user: '`app`, UID 10001',
      process: gunicorn
        ? `gunicorn runs as PID 1 (exec-form \`CMD\`) and binds \`0.0.0.0:$PORT\`; on \`docker stop\` it finishes in-flight requests before it exits. Set \`WEB_CONCURRENCY\` to change the number of workers.`
        : `\`${plan.command?.join(' ')}\` runs as PID 1 (exec-form \`CMD\`), so \`docker stop\`'s \`SIGTERM\` reaches it.`,
      healthcheck,
    });
  }
  const pm = recipes.nodePackageManagers[plan.packageManager.kind];
  return imageNotes({
    python: false,
    dependencyList: codeList(container.dependencyFiles),
    prodInstall: pm.prodInstall,
    build: plan.build !== undefined,
    buildCommand: plan.build ? hostCommands(plan.packageManager.name).run(plan.build.script) : '',
    buildOutput: plan.build?.output ?? '',
    versionArg: versionArg(
      'NODE_VERSION',
      plan.nodeVersion,
      DEFAULTS.nodeVersion,
      DEFAULTS.nodeExampleVersion,
    ),
    user: '`node`, UID 1000',
    process: plan.exitOnSigterm
      ? '`node` runs as PID 1 (exec-form `CMD`, not `npm start`). The app sets no `SIGTERM` handler, which PID 1 needs to stop on `docker stop`: a one-line preload (`--import data:…`) ends it on `SIGTERM` unless the app adds a handler of its own.'
      : '`node` runs as PID 1 (exec-form `CMD`, not `npm start`), so `SIGTERM` from `docker stop` reaches the server, which closes its connections and exits.',
    healthcheck,
  });
}

/**
 * The version ARG and a `--build-arg` value for the README's example that differs from the
 * chosen version (passing the ARG's own default would change nothing): a newer release for
 * the default, the default (an image that exists) for anything else.
 */
function versionArg(
  name: string,
  value: string,
  fallback: string,
  newer: string,
): { name: string; value: string; example: string } {
  return { name, value, example: value === fallback ? newer : fallback };
}

/** `a`, `a` and `b`, `a`, `b` and `c`, in code spans. */
function codeList(items: readonly string[]): string {
  const code = items.map((i) => `\`${i}\``);
  return code.length <= 1 ? (code[0] ?? '') : `${code.slice(0, -1).join(', ')} and ${code.at(-1)}`;
}
