import flaskApp from '../templates/flask/app.py.hbs';
import flaskGitignore from '../templates/flask/gitignore.hbs';
import requirements from '../templates/flask/requirements.txt.hbs';
import nodeGitignore from '../templates/node/gitignore.hbs';
import nodeServer from '../templates/node/server.js.hbs';
import readme from '../templates/README.md.hbs';
import { DEFAULTS } from './choices.js';
import { COMPOSE_WATCH_COMMAND, composeFile, composeWatchFile } from './compose-file.js';
import { containerFiles } from './container-files.js';
import { hostCommands, LOCKFILES } from './package-manager.js';
import type { ProjectOptions } from './project-options.js';
import type { ProjectFile } from './stage-project.js';

/**
 * Flask and its dependencies, all pinned (pip installs exactly these; `pip freeze` of a
 * fresh `pip install Flask gunicorn`).
 */
export const FLASK_REQUIREMENTS = [
  { name: 'blinker', version: '1.9.0' },
  { name: 'click', version: '8.1.8' },
  { name: 'Flask', version: '3.1.1' },
  { name: 'gunicorn', version: '23.0.0' },
  { name: 'itsdangerous', version: '2.2.0' },
  { name: 'Jinja2', version: '3.1.6' },
  { name: 'MarkupSafe', version: '3.0.2' },
  { name: 'packaging', version: '25.0' },
  { name: 'Werkzeug', version: '3.1.3' },
] as const;

/** The Express range written to package.json (the lockfile pins the exact tree). */
export const EXPRESS_RANGE = '^5.1.0';

/** The gunicorn `--graceful-timeout`, in seconds: under Docker's 10 s stop grace period. */
export const GRACEFUL_TIMEOUT = 8;

/**
 * Every file of the project, in the order the plan lists them. Pure: no file system, no
 * network (the lockfile is made later by the package manager).
 *
 * @example
 * ```ts
 * renderProject({ name: 'api', template: 'flask', port: 8000, … }).map((f) => f.path)
 * // ['app.py', 'requirements.txt', 'Dockerfile', '.dockerignore', 'compose.yaml', 'compose.watch.yaml', 'README.md', '.gitignore']
 * ```
 */
export function renderProject(options: ProjectOptions): ProjectFile[] {
  const greeting = `Hello from ${options.name}!`;
  const container = containerFiles(options, { gracefulTimeout: GRACEFUL_TIMEOUT });
  const composeOptions = {
    service: options.imageName,
    port: options.port,
    healthcheck: container.healthcheck,
    workdir: container.workdir,
    rebuildOn: container.dependencyFiles,
    ignore: options.template === 'flask' ? ['.venv/', '__pycache__/'] : ['node_modules/'],
  };
  const compose = composeFile(composeOptions);
  const composeWatch = composeWatchFile(composeOptions);
  const commands = hostCommands(options.packageManager);
  const readmeContext = {
    name: options.name,
    imageName: options.imageName,
    port: options.port,
    flask: options.template === 'flask',
    nodeVersion: options.nodeVersion,
    lockfile: LOCKFILES[options.packageManager],
    installCommand: commands.install,
    runCommand: commands.start,
    prodInstall: container.installCommand,
    gracefulTimeout: GRACEFUL_TIMEOUT,
    versionArg: versionArg(options),
    watchCommand: COMPOSE_WATCH_COMMAND,
  };
  if (options.template === 'flask') {
    return [
      { path: 'app.py', content: flaskApp({ name: options.name, greeting, port: options.port }) },
      { path: 'requirements.txt', content: requirements({ requirements: FLASK_REQUIREMENTS }) },
      { path: 'Dockerfile', content: container.dockerfile },
      { path: '.dockerignore', content: container.dockerignore },
      { path: 'compose.yaml', content: compose },
      { path: 'compose.watch.yaml', content: composeWatch },
      { path: 'README.md', content: readme(readmeContext) },
      { path: '.gitignore', content: flaskGitignore({}) },
    ];
  }
  return [
    { path: 'package.json', content: packageJson(options) },
    {
      path: 'server.js',
      content: nodeServer({ name: options.name, greeting, port: options.port }),
    },
    { path: 'Dockerfile', content: container.dockerfile },
    { path: '.dockerignore', content: container.dockerignore },
    { path: 'compose.yaml', content: compose },
    { path: 'compose.watch.yaml', content: composeWatch },
    { path: 'README.md', content: readme(readmeContext) },
    { path: '.gitignore', content: nodeGitignore({}) },
  ];
}

/**
 * The version ARG and a `--build-arg` value for the README's example that differs from the
 * chosen version (passing the ARG's own default would change nothing): a newer release for the
 * default, the default (an image that exists) for anything else.
 *
 * @example
 * ```ts
 * versionArg({ template: 'flask', pythonVersion: '3.13', … })
 * // { name: 'PYTHON_VERSION', value: '3.13', example: '3.12' }
 * ```
 */
export function versionArg(options: ProjectOptions): {
  name: string;
  value: string;
  example: string;
} {
  const [name, value, fallback, newer] =
    options.template === 'flask'
      ? [
          'PYTHON_VERSION',
          options.pythonVersion,
          DEFAULTS.pythonVersion,
          DEFAULTS.pythonExampleVersion,
        ]
      : ['NODE_VERSION', options.nodeVersion, DEFAULTS.nodeVersion, DEFAULTS.nodeExampleVersion];
  return { name, value, example: value === fallback ? newer : fallback };
}

function packageJson(options: ProjectOptions): string {
  const pkg = {
    name: options.name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: { start: 'node server.js', dev: 'node --watch server.js' },
    // What the code needs (the oldest maintained Node line), not the image's version: the
    // Dockerfile pins that, and yarn 1 refuses to install when engines excludes the running Node.
    engines: { node: '>=20' },
    ...(options.packageManagerField ? { packageManager: options.packageManagerField } : {}),
    dependencies: { express: EXPRESS_RANGE },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
