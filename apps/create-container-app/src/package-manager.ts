import { DEFAULTS, isPackageManagerName, type PackageManagerName } from './choices.js';

/** The package manager named by `npm_config_user_agent` (`pnpm/10.34.8 npm/? node/v22…`). */
export interface UserAgentPackageManager {
  readonly name: PackageManagerName;
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
  if (!isPackageManagerName(name)) return undefined;
  return { name, version: version && /^\d+\.\d+\.\d+/.test(version) ? version : undefined };
}

/**
 * The `packageManager` field for package.json (corepack's pin), or undefined for npm.
 * pnpm keeps the version that ran `pnpm create` when there is one; yarn is always yarn 1,
 * whose flags the Dockerfile uses.
 *
 * @example
 * ```ts
 * packageManagerField('pnpm', { name: 'pnpm', version: '9.15.0' }) // 'pnpm@9.15.0'
 * ```
 */
export function packageManagerField(
  pm: PackageManagerName,
  agent: UserAgentPackageManager | undefined,
): string | undefined {
  if (pm === 'npm') return undefined;
  if (pm === 'pnpm') {
    const version = agent?.name === 'pnpm' && agent.version ? agent.version : DEFAULTS.pnpmVersion;
    return `pnpm@${version}`;
  }
  const version =
    agent?.name === 'yarn' && agent.version?.startsWith('1.')
      ? agent.version
      : DEFAULTS.yarnVersion;
  return `yarn@${version}`;
}

/** The lockfile each package manager writes. */
export const LOCKFILES: Readonly<Record<PackageManagerName, string>> = {
  npm: 'package-lock.json',
  pnpm: 'pnpm-lock.yaml',
  yarn: 'yarn.lock',
};

/** Commands shown in the README and the outro. */
export function hostCommands(pm: PackageManagerName): { install: string; start: string } {
  switch (pm) {
    case 'npm':
      return { install: 'npm install', start: 'npm start' };
    case 'pnpm':
      return { install: 'pnpm install', start: 'pnpm start' };
    case 'yarn':
      return { install: 'yarn install', start: 'yarn start' };
  }
}

/**
 * Network settings for the lockfile step: give up soon when the registry cannot be reached.
 * npm and pnpm otherwise retry twice with back-off (10 s, then up to a minute), about 70 s per
 * attempt before the CLI can say how to finish; one quick retry still covers a dropped
 * connection. The request timeout stays generous (60 s) for a slow but working network.
 */
const FETCH_TIMEOUT_MS = 60_000;
const FAIL_FAST_FETCH = [
  '--fetch-retries=1',
  '--fetch-retry-mintimeout=1000',
  '--fetch-retry-maxtimeout=2000',
  `--fetch-timeout=${FETCH_TIMEOUT_MS}`,
] as const;

/**
 * The argv that writes the lockfile without installing (`install` mode where the package manager
 * has no lockfile-only mode). pnpm and yarn go through corepack so the version pinned in
 * `packageManager` writes it; `fallback` is the same command without corepack.
 */
export function lockfileCommand(pm: PackageManagerName): {
  command: readonly string[];
  fallback: readonly string[] | undefined;
  /** Directories the command creates that the project must not keep. */
  leftovers: readonly string[];
} {
  switch (pm) {
    case 'npm':
      return {
        command: [
          'npm',
          'install',
          '--package-lock-only',
          '--ignore-scripts',
          '--no-audit',
          '--no-fund',
          ...FAIL_FAST_FETCH,
        ],
        fallback: undefined,
        leftovers: [],
      };
    case 'pnpm': {
      const args = ['install', '--lockfile-only', '--ignore-scripts', ...FAIL_FAST_FETCH];
      return { command: ['corepack', 'pnpm', ...args], fallback: ['pnpm', ...args], leftovers: [] };
    }
    case 'yarn': {
      // yarn 1 has no lockfile-only mode: it installs, and the node_modules it leaves in the
      // staging directory is removed before the project is moved into place.
      // --ignore-engines: the Node running this CLI is not the one in the image.
      const args = [
        'install',
        '--ignore-scripts',
        '--ignore-engines',
        '--non-interactive',
        '--no-progress',
        // yarn 1 has no retry setting; its request timeout is the one knob.
        `--network-timeout=${FETCH_TIMEOUT_MS}`,
      ];
      return {
        command: ['corepack', 'yarn', ...args],
        fallback: ['yarn', ...args],
        leftovers: ['node_modules'],
      };
    }
  }
}
