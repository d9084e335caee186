import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodePackageManager } from '@dockwright/sdk';
import type { PythonPackageManagerName } from '../package-managers.js';

/** How one package manager writes its lockfile without installing anything into the project. */
export interface LockCommand {
  /** The argv; pnpm and yarn go through corepack, so the version in `packageManager` runs. */
  readonly command: readonly string[];
  /** Tried when `command` cannot start (no corepack): the same without corepack. */
  readonly fallback: readonly string[] | undefined;
  /** Added to the environment of both. */
  readonly env: Readonly<Record<string, string>>;
  /** Runs in the directory first (a scratch copy of the project's manifests: never the project). */
  readonly prepare?: (dir: string) => void;
  /** Paths the command creates that the project must not keep. */
  readonly leftovers: readonly string[];
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
 * The command that writes the lockfile in `dir`, isolated from any project around it: an
 * enclosing workspace (a monorepo the new project is created in) must not take the install
 * over and write its own lockfile. Each package manager finds its workspace root its own way:
 * - npm walks up to a package.json whose `workspaces` list the directory: `--workspaces=false`
 *   stops that walk at the project;
 * - pnpm looks for pnpm-workspace.yaml above: `--ignore-workspace`;
 * - Yarn 1 stops at the first package.json, going up, that has `workspaces`, and joins it when
 *   its patterns match the directory (`packages/**` matches any, hidden ones too): the copy of
 *   package.json it runs on gets an empty `workspaces` list (and `private`, which Yarn 1
 *   requires with it), so the project is a workspace root of its own. The lockfile it writes
 *   is the same (Yarn 1 records no workspaces in it). `--modules-folder` keeps node_modules in
 *   the scratch directory even when an enclosing .yarnrc moves it;
 * - Yarn 2+ treats the nearest directory holding a yarn.lock as the project root: an empty
 *   yarn.lock, written first, makes the project its own root (Yarn's documented way to opt a
 *   directory out of an enclosing project).
 * Tests check each with an enclosing workspace of that package manager.
 *
 * @example
 * ```ts
 * nodeLockCommand('pnpm', '/tmp/app').command
 * // ['corepack', 'pnpm', 'install', '--lockfile-only', '--ignore-scripts', '--ignore-workspace', …]
 * ```
 */
export function nodeLockCommand(kind: NodePackageManager, dir: string): LockCommand {
  switch (kind) {
    case 'npm':
      return {
        command: [
          'npm',
          'install',
          '--package-lock-only',
          '--ignore-scripts',
          '--no-audit',
          '--no-fund',
          '--workspaces=false',
          ...FAIL_FAST_FETCH,
        ],
        fallback: undefined,
        env: {},
        leftovers: [],
      };
    case 'pnpm': {
      const args = [
        'install',
        '--lockfile-only',
        '--ignore-scripts',
        '--ignore-workspace',
        // pnpm turns --frozen-lockfile on by itself when CI is set; there is no lockfile yet.
        '--no-frozen-lockfile',
        ...FAIL_FAST_FETCH,
      ];
      return {
        command: ['corepack', 'pnpm', ...args],
        fallback: ['pnpm', ...args],
        env: {},
        leftovers: [],
      };
    }
    case 'yarn': {
      // Yarn 1 has no lockfile-only mode: it installs, and the node_modules it leaves in the
      // staging directory is removed before the project is moved into place.
      // --ignore-engines: the Node running this CLI is not the one in the image.
      const args = [
        'install',
        '--ignore-scripts',
        '--ignore-engines',
        '--non-interactive',
        '--no-progress',
        // Yarn 1 has no retry setting; its request timeout is the one knob.
        `--network-timeout=${FETCH_TIMEOUT_MS}`,
        `--modules-folder=${join(dir, 'node_modules')}`,
      ];
      return {
        command: ['corepack', 'yarn', ...args],
        fallback: ['yarn', ...args],
        env: {},
        prepare: (at) => {
          const path = join(at, 'package.json');
          const pkg = JSON.parse(readFileSync(path, 'utf8'));
          writeFileSync(
            path,
            `${JSON.stringify({ ...pkg, private: true, workspaces: [] }, null, 2)}\n`,
          );
        },
        leftovers: ['node_modules'],
      };
    }
    case 'yarn-berry':
      return {
        // update-lockfile: resolve and write yarn.lock, skip the link step (no node_modules,
        // no .pnp.cjs).
        command: ['corepack', 'yarn', 'install', '--mode=update-lockfile'],
        // The `yarn` on PATH is most likely Yarn 1, which would write the wrong format.
        fallback: undefined,
        env: {
          // Yarn 2+ turns immutable installs on by itself when CI is set.
          YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
          YARN_ENABLE_TELEMETRY: '0',
          // A yarnPath from an enclosing .yarnrc.yml names a release this project lacks.
          YARN_IGNORE_PATH: '1',
          YARN_HTTP_RETRY: '1',
        },
        prepare: (at) => {
          if (!existsSync(join(at, 'yarn.lock'))) writeFileSync(join(at, 'yarn.lock'), '');
        },
        leftovers: ['.yarn', '.pnp.cjs', '.pnp.loader.mjs'],
      };
  }
}

/**
 * uv and Poetry resolve from the project's pyproject.toml; both must be on PATH (neither is
 * fetched by this CLI). pip has no lockfile: requirements.txt pins the versions.
 *
 * @example
 * ```ts
 * pythonLockCommand('uv')?.command // ['uv', 'lock']
 * ```
 */
export function pythonLockCommand(name: PythonPackageManagerName): LockCommand | undefined {
  switch (name) {
    case 'pip':
      return undefined;
    case 'uv':
      return {
        command: ['uv', 'lock'],
        fallback: undefined,
        env: { UV_PYTHON_DOWNLOADS: 'never' },
        leftovers: ['.venv'],
      };
    case 'poetry':
      return {
        command: ['poetry', 'lock'],
        fallback: undefined,
        env: { POETRY_VIRTUALENVS_CREATE: 'false', POETRY_NO_INTERACTION: '1' },
        leftovers: [],
      };
  }
}
