/**
 * The package managers `recipes.node` knows: `yarn` is Yarn 1 (classic), `yarn-berry` Yarn 2
 * and newer (told apart by the version in `packageManager`).
 */
export type NodePackageManager = 'npm' | 'pnpm' | 'yarn' | 'yarn-berry';

/** What the Dockerfile needs to know about one package manager. */
export interface NodePackageManagerInfo {
  /** The lockfile, bind-mounted into the install step with package.json. */
  readonly lockfile: string;
  /** The download cache, as a BuildKit cache mount (root's, since installs run as root). */
  readonly cacheDir: string;
  /** Production dependencies only, exactly as locked. */
  readonly prodInstall: string;
  /** All dependencies (for the build stage), exactly as locked. */
  readonly install: string;
  /** Prefix of `<run> build`. */
  readonly run: string;
  /** Whether it runs through corepack (the version pinned in package.json's packageManager). */
  readonly corepack: boolean;
}

/**
 * pnpm and yarn run as `corepack pnpm …` / `corepack yarn …`: corepack reads the version from
 * `packageManager` in the bind-mounted package.json, and no global shim has to be enabled
 * (some images ship a global yarn 1 that `corepack enable` would have to replace). `yarn` is
 * Yarn 1 (`--frozen-lockfile --production` are its flags); `yarn-berry` installs production
 * dependencies with `workspaces focus --production` (built into Yarn 4) and everything with
 * `install --immutable`.
 *
 * @example
 * ```ts
 * NODE_PACKAGE_MANAGERS.pnpm.prodInstall // 'corepack pnpm install --prod --frozen-lockfile'
 * ```
 */
export const NODE_PACKAGE_MANAGERS: Readonly<Record<NodePackageManager, NodePackageManagerInfo>> =
  Object.freeze({
    npm: Object.freeze({
      lockfile: 'package-lock.json',
      cacheDir: '/root/.npm',
      prodInstall: 'npm ci --omit=dev',
      install: 'npm ci',
      run: 'npm run',
      corepack: false,
    }),
    pnpm: Object.freeze({
      lockfile: 'pnpm-lock.yaml',
      // pnpm's store on Linux: $XDG_DATA_HOME/pnpm/store.
      cacheDir: '/root/.local/share/pnpm/store',
      prodInstall: 'corepack pnpm install --prod --frozen-lockfile',
      install: 'corepack pnpm install --frozen-lockfile',
      run: 'corepack pnpm run',
      corepack: true,
    }),
    yarn: Object.freeze({
      lockfile: 'yarn.lock',
      // yarn 1's cache when it runs as root.
      cacheDir: '/usr/local/share/.cache/yarn',
      prodInstall: 'corepack yarn install --frozen-lockfile --production',
      install: 'corepack yarn install --frozen-lockfile',
      run: 'corepack yarn run',
      corepack: true,
    }),
    'yarn-berry': Object.freeze({
      lockfile: 'yarn.lock',
      // Yarn 2+'s global folder (its cache and mirror) when it runs as root.
      cacheDir: '/root/.yarn/berry',
      prodInstall: 'corepack yarn workspaces focus --all --production',
      install: 'corepack yarn install --immutable',
      run: 'corepack yarn run',
      corepack: true,
    }),
  });

/**
 * The corepack installed from npm where the image has none: Node stopped shipping corepack with
 * v25, so `node:25-slim` and newer lack it. 0.34.7 is the newest release whose `engines` take in
 * every line `NODE_VERSION` may name (0.35 dropped Node 20 and 25).
 */
export const COREPACK_VERSION = '0.34.7';

/**
 * Installs corepack when the image lacks it, a no-op where Node still ships it (up to v24).
 * `--force`: node:25 images still link yarn 1 as /usr/local/bin/yarn, and npm will not replace
 * that link with corepack's yarn shim without it (EEXIST). `NODE_VERSION` is an ARG a build may
 * override, so the check runs in the image rather than being decided here.
 *
 * @example
 * ```ts
 * ENSURE_COREPACK // 'command -v corepack >/dev/null || npm install -g --force corepack@0.34.7'
 * ```
 */
export const ENSURE_COREPACK = `command -v corepack >/dev/null || npm install -g --force corepack@${COREPACK_VERSION}`;

/** Corepack's own download cache (the package managers it fetches), as a cache mount. */
export const COREPACK_CACHE = '/root/.cache/node/corepack';

/**
 * Yarn 1 runs `args` as the release the project pins, in two commands of one RUN. The official
 * node images ship a yarn 1 (/usr/local/bin/yarn): when its package.json says it is the pinned
 * release, it runs itself; otherwise `corepack yarn` fetches and runs the pinned one (after
 * `ensureCorepack`, for images without corepack). The version is read from package.json files,
 * not asked of yarn: starting yarn 1 takes about as long as corepack's download it saves.
 * The pin is `pinned` when given (`corepack yarn@<pinned>`), else package.json's
 * `"packageManager": "yarn@<version>"`, matched as npm, yarn and pnpm write package.json (two
 * spaces of indent; the first such line only, digits and dots only) and compared with the
 * image's yarn version as a whole line of fixed text: any other form, a `+sha512` hash or no
 * yarn in the image all take corepack, which checks the pin itself.
 *
 * @example
 * ```ts
 * yarnClassic('install --frozen-lockfile', { pinned: '1.22.22' })
 * // ['pinned=1.22.22',
 * //  'if [ -n "$pinned" ] && yarn_bin="$(command -v yarn)" && grep -Fqsx … ; then yarn install --frozen-lockfile; else corepack yarn@1.22.22 install --frozen-lockfile; fi']
 * ```
 */
export function yarnClassic(
  args: string,
  options: { readonly pinned?: string; readonly ensureCorepack?: boolean } = {},
): readonly [string, string] {
  const { pinned, ensureCorepack = false } = options;
  const readPin = pinned
    ? `pinned=${pinned}`
    : `pinned="$(sed -n '/^  "packageManager": "yarn@\\([0-9.]*\\)",\\{0,1\\}$/{s//\\1/p;q;}' package.json)"`;
  const imageHasPinned =
    '[ -n "$pinned" ] && yarn_bin="$(command -v yarn)" && grep -Fqsx "  \\"version\\": \\"$pinned\\"," "$(dirname "$(readlink -f "$yarn_bin")")/../package.json"';
  const viaCorepack = `corepack yarn${pinned ? `@${pinned}` : ''} ${args}`;
  return [
    readPin,
    `if ${imageHasPinned}; then yarn ${args}; else ${ensureCorepack ? `(${ENSURE_COREPACK}) && ` : ''}${viaCorepack}; fi`,
  ];
}
