import { parseArgs } from 'node:util';
import {
  isPackageManagerName,
  isTemplateName,
  PACKAGE_MANAGERS,
  type PackageManagerName,
  TEMPLATES,
  type TemplateName,
} from './choices.js';
import { CliError } from './cli-error.js';

/** What the command line asked for; absent flags stay undefined (prompts or defaults fill them). */
export interface CliArgs {
  readonly dir: string | undefined;
  readonly template: TemplateName | undefined;
  readonly packageManager: PackageManagerName | undefined;
  readonly port: number | undefined;
  readonly pythonVersion: string | undefined;
  readonly nodeVersion: string | undefined;
  readonly interactive: boolean;
  readonly install: boolean;
  readonly overwrite: boolean;
  readonly dryRun: boolean;
  readonly help: boolean;
  readonly version: boolean;
  readonly debug: boolean;
}

const OPTIONS = {
  template: { type: 'string', short: 't' },
  'package-manager': { type: 'string' },
  port: { type: 'string', short: 'p' },
  'python-version': { type: 'string' },
  'node-version': { type: 'string' },
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
 * prompt or file is touched.
 *
 * @example
 * ```ts
 * parseCliArgs(['api', '--template', 'node', '--port', '8080']).port // 8080
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' own messages are clear ("Unknown option '--foo'"); add where to look.
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${message}\nRun create-container-app --help for the options.`, {
      cause: error,
    });
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new CliError(
      `Expected at most one project directory, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const template = values.template;
  if (template !== undefined && !isTemplateName(template)) {
    throw new CliError(
      `Unknown template "${template}". Use one of: ${TEMPLATES.map((t) => t.value).join(', ')}.`,
    );
  }
  const pm = values['package-manager'];
  if (pm !== undefined && !isPackageManagerName(pm)) {
    throw new CliError(
      `Unknown package manager "${pm}". Use one of: ${PACKAGE_MANAGERS.join(', ')}.`,
    );
  }
  if (values.interactive && values['no-interactive']) {
    throw new CliError('--interactive and --no-interactive cannot be used together.');
  }
  if (values.install && values['no-install']) {
    throw new CliError('--install and --no-install cannot be used together.');
  }
  const pythonVersion = values['python-version'];
  if (pythonVersion !== undefined) validatePythonVersion(pythonVersion);
  const nodeVersion = values['node-version'];
  if (nodeVersion !== undefined) validateNodeVersion(nodeVersion);
  return {
    dir: positionals[0],
    template,
    packageManager: pm,
    port: values.port === undefined ? undefined : parsePort(values.port),
    pythonVersion,
    nodeVersion,
    interactive: values['no-interactive'] !== true,
    install: values['no-install'] !== true,
    overwrite: values.overwrite === true,
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

/** The version is the tag of python:<version>-slim: 3, 3.12 or 3.12.4. */
function validatePythonVersion(version: string): void {
  if (!/^3(\.\d{1,2}){0,2}$/.test(version)) {
    throw new CliError(
      `Invalid Python version "${version}": expected 3.x, e.g. 3.12 (the python:<version>-slim image tag).`,
    );
  }
}

/** The version is the tag of node:<version>-slim, 20 or newer. */
function validateNodeVersion(version: string): void {
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
