import { CliError } from '@dockwright/cli-kit';
import type { NodePackageManager } from '@dockwright/sdk';

/**
 * The package managers, by the name the flag takes. Yarn is one name for two tools: Yarn 1
 * (classic) and Yarn 2+ (berry), told apart by the version (`yarn`, `yarn@1.22.22`: classic;
 * `yarn@4`, `yarn@4.18.1`: berry).
 */
export const NODE_PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn'] as const;
export const PYTHON_PACKAGE_MANAGERS = ['pip', 'uv', 'poetry'] as const;

export type NodePackageManagerName = (typeof NODE_PACKAGE_MANAGERS)[number];
export type PythonPackageManagerName = (typeof PYTHON_PACKAGE_MANAGERS)[number];
export type PackageManagerName = NodePackageManagerName | PythonPackageManagerName;

/** `--package-manager NAME[@VERSION]` before it is checked against a template. */
export interface PackageManagerRequest {
  readonly name: PackageManagerName;
  /** An exact version (`4.18.1`), a major (`4`), or undefined. */
  readonly version: string | undefined;
}

/** A Node package manager with the exact version corepack pins (undefined for npm). */
export interface NodePackageManagerChoice {
  readonly name: NodePackageManagerName;
  readonly version: string | undefined;
  /** What the Dockerfile recipe calls it: yarn means classic, yarn-berry Yarn 2 and newer. */
  readonly kind: NodePackageManager;
}

/** The versions written to `packageManager` when nothing better is known. */
export const DEFAULT_VERSIONS = {
  pnpm: '10.34.8',
  /** The last Yarn 1 release. */
  yarnClassic: '1.22.22',
  yarnBerry: '4.18.1',
} as const;

export function isPackageManagerName(value: string): value is PackageManagerName {
  return (
    (NODE_PACKAGE_MANAGERS as readonly string[]).includes(value) ||
    (PYTHON_PACKAGE_MANAGERS as readonly string[]).includes(value)
  );
}

export function isNodePackageManager(name: PackageManagerName): name is NodePackageManagerName {
  return (NODE_PACKAGE_MANAGERS as readonly string[]).includes(name);
}

/**
 * Parses `--package-manager`: a name, optionally with `@` and an exact version or a major.
 *
 * @example
 * ```ts
 * parsePackageManager('yarn@4') // { name: 'yarn', version: '4' }
 * parsePackageManager('bun')    // throws CliError
 * ```
 */
export function parsePackageManager(text: string): PackageManagerRequest {
  const [name = '', version, ...rest] = text.split('@');
  if (!isPackageManagerName(name) || rest.length > 0) {
    throw new CliError(
      `Unknown package manager "${text}". Use one of: ${[...NODE_PACKAGE_MANAGERS, ...PYTHON_PACKAGE_MANAGERS].join(', ')} (node: with @VERSION to pin one, e.g. yarn@4).`,
    );
  }
  if (version !== undefined) {
    if (!isNodePackageManager(name) || name === 'npm') {
      throw new CliError(
        `--package-manager ${name} takes no version (only pnpm and yarn are pinned, through corepack).`,
      );
    }
    if (!/^\d+(\.\d+\.\d+(-[0-9A-Za-z.-]+)?)?$/.test(version)) {
      throw new CliError(
        `Invalid version in --package-manager ${text}: expected a major (yarn@4) or an exact version (yarn@4.18.1).`,
      );
    }
  }
  return { name, version };
}

/**
 * The exact version to pin for a Node package manager: the one asked for, else the one that
 * ran `pnpm create` / `yarn create` (from `npm_config_user_agent`), else the default. A bare
 * major becomes the default of that major when there is one.
 *
 * @example
 * ```ts
 * resolveNodePackageManager({ name: 'yarn', version: '4' }, undefined)
 * // { name: 'yarn', version: '4.18.1', kind: 'yarn-berry' }
 * ```
 */
export function resolveNodePackageManager(
  request: { name: NodePackageManagerName; version: string | undefined },
  agent: UserAgentPackageManager | undefined,
): NodePackageManagerChoice {
  const { name } = request;
  if (name === 'npm') return { name, version: undefined, kind: 'npm' };
  const defaults: readonly string[] =
    name === 'pnpm'
      ? [DEFAULT_VERSIONS.pnpm]
      : [DEFAULT_VERSIONS.yarnClassic, DEFAULT_VERSIONS.yarnBerry];
  let version: string =
    request.version ??
    (agent?.name === name ? agent.version : undefined) ??
    (defaults[0] as string);
  if (/^\d+$/.test(version)) {
    const major = version;
    const match = defaults.find((d) => d.split('.')[0] === major);
    if (!match) {
      throw new CliError(
        `No default ${name} ${major}.x version is known: give the exact one, e.g. --package-manager ${name}@${major}.0.0.`,
      );
    }
    version = match;
  }
  const kind: NodePackageManager =
    name === 'pnpm' ? 'pnpm' : Number(version.split('.')[0]) >= 2 ? 'yarn-berry' : 'yarn';
  return { name, version, kind };
}

/** The package manager named by `npm_config_user_agent` (`pnpm/10.34.8 npm/? node/v22…`). */
export interface UserAgentPackageManager {
  readonly name: NodePackageManagerName;
  readonly version: string | undefined;
}

/**
 * Reads the package manager that ran `npm create` / `pnpm create` / `yarn create` from the
 * `npm_config_user_agent` variable they set; undefined for anything else (bun, a direct run).
 *
 * @example
 * ```ts
 * packageManagerFromUserAgent('pnpm/10.34.8 npm/? node/v22.11.0 linux x64')
 * // { name: 'pnpm', version: '10.34.8' }
 * ```
 */
export function packageManagerFromUserAgent(
  userAgent: string | undefined,
): UserAgentPackageManager | undefined {
  const first = userAgent?.trim().split(/\s+/)[0];
  if (!first) return undefined;
  const [name = '', version] = first.split('/');
  if (!(NODE_PACKAGE_MANAGERS as readonly string[]).includes(name)) return undefined;
  return {
    name: name as NodePackageManagerName,
    version: version && /^\d+\.\d+\.\d+/.test(version) ? version : undefined,
  };
}

/**
 * The `packageManager` field for package.json (corepack's pin), or undefined for npm.
 *
 * @example
 * ```ts
 * packageManagerField({ name: 'pnpm', version: '9.15.0', kind: 'pnpm' }) // 'pnpm@9.15.0'
 * ```
 */
export function packageManagerField(choice: NodePackageManagerChoice): string | undefined {
  return choice.version === undefined ? undefined : `${choice.name}@${choice.version}`;
}

/** Commands for the README and the outro. */
export function hostCommands(name: PackageManagerName): {
  install: string;
  run: (script: string) => string;
} {
  switch (name) {
    case 'npm':
      return { install: 'npm install', run: (s) => (s === 'start' ? 'npm start' : `npm run ${s}`) };
    case 'pnpm':
      return { install: 'pnpm install', run: (s) => `pnpm ${s}` };
    case 'yarn':
      return { install: 'yarn install', run: (s) => `yarn ${s}` };
    case 'pip':
      return { install: 'pip install -r requirements.txt', run: (s) => s };
    case 'uv':
      return { install: 'uv sync', run: (s) => `uv run ${s}` };
    case 'poetry':
      return { install: 'poetry install', run: (s) => `poetry run ${s}` };
  }
}
