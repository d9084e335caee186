import { parseArgs } from 'node:util';
import { CliError } from '@dockwright/cli-kit';
import type { HealthProbe } from '@dockwright/sdk';
import { type PackageManagerRequest, parsePackageManager } from './package-managers.js';
import { TEMPLATES, templateNamed } from './templates/index.js';
import type { Template } from './templates/template.js';

/** What the command line asked for; absent flags stay undefined (detection, prompts or defaults fill them). */
export interface CliArgs {
  readonly dir: string | undefined;
  readonly existing: boolean;
  readonly template: Template | undefined;
  readonly packageManager: PackageManagerRequest | undefined;
  readonly port: number | undefined;
  readonly pythonVersion: string | undefined;
  readonly nodeVersion: string | undefined;
  /** `--existing`: the command that starts the app. */
  readonly start: string | undefined;
  /** `--existing`: the WSGI application (`module:variable` or `module:factory()`). */
  readonly app: string | undefined;
  /** `--existing`: the build script to run, or false for `--no-build`. */
  readonly build: string | false | undefined;
  readonly buildOutput: string | undefined;
  readonly healthcheck: HealthProbe | false | undefined;
  readonly interactive: boolean;
  readonly install: boolean;
  /** `--overwrite`: any file the run writes; `--overwrite=a,b`: those files only. */
  readonly overwrite: boolean | ReadonlySet<string>;
  readonly dryRun: boolean;
  readonly help: boolean;
  readonly version: boolean;
  readonly debug: boolean;
}

const OPTIONS = {
  template: { type: 'string', short: 't' },
  existing: { type: 'boolean' },
  'package-manager': { type: 'string' },
  port: { type: 'string', short: 'p' },
  'python-version': { type: 'string' },
  'node-version': { type: 'string' },
  start: { type: 'string' },
  app: { type: 'string' },
  build: { type: 'string' },
  'no-build': { type: 'boolean' },
  'build-output': { type: 'string' },
  healthcheck: { type: 'string' },
  interactive: { type: 'boolean' },
  'no-interactive': { type: 'boolean' },
  install: { type: 'boolean' },
  'no-install': { type: 'boolean' },
  overwrite: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  debug: { type: 'boolean' },
} as const;

/**
 * Parses and validates the command line with `node:util` `parseArgs` (strict: an unknown flag or
 * a missing value is an error). Values are checked here, so a bad `--port` fails before any
 * prompt or file is touched. `--overwrite=Dockerfile,compose.yaml` (a value only with `=`) names
 * the files that may be replaced; a bare `--overwrite` allows any.
 *
 * @example
 * ```ts
 * parseCliArgs(['api', '--template', 'node', '--port', '8080']).port // 8080
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let overwrite: boolean | ReadonlySet<string> = false;
  const rest: string[] = [];
  for (const arg of argv) {
    if (arg === '--') {
      rest.push(...argv.slice(argv.indexOf(arg)));
      break;
    }
    const named = /^--overwrite=(.*)$/s.exec(arg);
    if (named) {
      const names = (named[1] ?? '').split(',').map((n) => n.trim());
      if (names.some((n) => n === '' || n.includes('/') || n === '.' || n === '..')) {
        throw new CliError(
          `--overwrite=${named[1]}: expected file names separated by commas, such as --overwrite=Dockerfile,compose.yaml.`,
        );
      }
      overwrite = new Set([...(typeof overwrite === 'object' ? overwrite : []), ...names]);
    } else {
      rest.push(arg);
    }
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' own messages are clear ("Unknown option '--foo'"); add where to look.
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${message}\nRun create-container-app --help for the options.`, undefined, {
      cause: error,
    });
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new CliError(
      `Expected at most one project directory, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  if (values.overwrite) {
    if (typeof overwrite === 'object') {
      throw new CliError('--overwrite and --overwrite=FILES cannot be used together.');
    }
    overwrite = true;
  }
  for (const [yes, no] of [
    ['interactive', 'no-interactive'],
    ['install', 'no-install'],
    ['build', 'no-build'],
  ] as const) {
    if (values[yes] !== undefined && values[no]) {
      throw new CliError(`--${yes} and --${no} cannot be used together.`);
    }
  }
  const existing = values.existing === true;
  if (!existing) {
    for (const flag of ['start', 'app', 'build', 'no-build', 'build-output'] as const) {
      if (values[flag] !== undefined) {
        throw new CliError(
          `--${flag} applies to --existing only (it overrides what is detected in a project).`,
        );
      }
    }
  }
  const templateName = values.template;
  const template = templateName === undefined ? undefined : templateNamed(templateName);
  if (templateName !== undefined && !template) {
    throw new CliError(
      `Unknown template "${templateName}". Use one of: ${TEMPLATES.map((t) => t.name).join(', ')}.`,
    );
  }
  const pm = values['package-manager'];
  const pythonVersion = values['python-version'];
  if (pythonVersion !== undefined) validatePythonVersion(pythonVersion);
  const nodeVersion = values['node-version'];
  if (nodeVersion !== undefined) validateNodeVersion(nodeVersion);
  if (values.start !== undefined && values.start.trim() === '') {
    throw new CliError(
      '--start needs the command that starts the app, e.g. --start "node server.js".',
    );
  }
  if (values.app !== undefined && !/^[A-Za-z_][\w.]*:[A-Za-z_]\w*(\(\))?$/.test(values.app)) {
    throw new CliError(
      `Invalid --app "${values.app}": expected module:variable or module:factory(), e.g. app:app or myapp:create_app().`,
    );
  }
  if (values.build !== undefined && !/^[A-Za-z0-9][\w:.-]*$/.test(values.build)) {
    throw new CliError(
      `Invalid --build "${values.build}": expected the name of a package.json script.`,
    );
  }
  if (
    values['build-output'] !== undefined &&
    (!/^[\w.@+-][\w.@+/-]*$/.test(values['build-output']) ||
      values['build-output'].split('/').includes('..'))
  ) {
    throw new CliError(
      `Invalid --build-output "${values['build-output']}": expected a directory inside the project, e.g. dist.`,
    );
  }
  return {
    dir: positionals[0],
    existing,
    template,
    packageManager: pm === undefined ? undefined : parsePackageManager(pm),
    port: values.port === undefined ? undefined : parsePort(values.port),
    pythonVersion,
    nodeVersion,
    start: values.start,
    app: values.app,
    build: values['no-build'] ? false : values.build,
    buildOutput: values['build-output'],
    healthcheck:
      values.healthcheck === undefined ? undefined : parseHealthcheck(values.healthcheck),
    interactive: values['no-interactive'] !== true,
    install: values['no-install'] !== true,
    overwrite,
    dryRun: values['dry-run'] === true,
    help: values.help === true,
    version: values.version === true,
    debug: values.debug === true,
  };
}

/**
 * A TCP port from 1 to 65535, written in decimal digits only.
 *
 * @example
 * ```ts
 * parsePort('8080') // 8080
 * parsePort('80a')  // throws CliError
 * ```
 */
export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new CliError(`Invalid port "${text}": expected a whole number from 1 to 65535.`);
  }
  return port;
}

/**
 * `--healthcheck`: a path (`/healthz`: must succeed), `/` answered (`/`), `tcp` or `none`.
 *
 * @example
 * ```ts
 * parseHealthcheck('/status') // { http: '/status' }
 * parseHealthcheck('tcp')     // { tcp: true }
 * ```
 */
export function parseHealthcheck(text: string): HealthProbe | false {
  if (text === 'none') return false;
  if (text === 'tcp') return { tcp: true };
  if (/^\/[A-Za-z0-9._~!$&*+,;=:@%/?-]*$/.test(text)) {
    return text === '/' ? { http: '/', answer: true } : { http: text };
  }
  throw new CliError(
    `Invalid --healthcheck "${text}": expected a path such as /healthz, or tcp, or none.`,
  );
}

/** The version is the tag of python:<version>-slim: 3, 3.12 or 3.12.4. */
function validatePythonVersion(version: string): void {
  if (!/^3(\.\d{1,2}){0,2}$/.test(version)) {
    throw new CliError(
      `Invalid Python version "${version}": expected 3.x, e.g. 3.12 (the python:<version>-slim image tag).`,
    );
  }
}

/** The version is the tag of node:<version>-slim, 20 or newer. */
export function validateNodeVersion(version: string): void {
  const match = /^(\d{1,3})(\.\d{1,3}){0,2}$/.exec(version);
  if (!match) {
    throw new CliError(
      `Invalid Node version "${version}": expected a major version such as 22 (the node:<version>-slim image tag).`,
    );
  }
  // Node 18 reached its end of life in April 2025; package.json's engines says >=20.
  if (Number(match[1]) < 20) {
    throw new CliError(
      `Invalid Node version "${version}": 20 or newer is needed (older lines are past their end of life).`,
    );
  }
}
