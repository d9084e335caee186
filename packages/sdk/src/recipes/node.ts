import { commands } from '../commands.js';
import { type DockerfileStage, dockerfile } from '../dockerfile.js';
import { DockerfileBuildError, show } from '../dockerfile-build-error.js';
import type { Mount } from '../types.js';
import { checkProbe, describeProbe, type HealthProbe, nodeProbe } from './health-probe.js';
import {
  COREPACK_CACHE,
  ENSURE_COREPACK,
  NODE_PACKAGE_MANAGERS,
  type NodePackageManager,
  yarnClassic,
} from './node-package-managers.js';
import {
  APP_DIR,
  checkCommand,
  checkPort,
  checkRelativePath,
  HEALTHCHECK_TIMING,
  versionArg,
  wrapComment,
} from './recipe-checks.js';

/** Options of {@link recipes | `recipes.node`}. */
export interface NodeRecipeOptions {
  /** The `node:<version>-slim` tag, the default of `ARG NODE_VERSION`. Default `'22'`. */
  readonly nodeVersion?: string;
  /** The port the server listens on (passed as `PORT`). Default `3000`. */
  readonly port?: number;
  /** Default `'npm'`. pnpm and Yarn run through corepack, pinned by `packageManager`. */
  readonly packageManager?: NodePackageManager;
  /**
   * pnpm and Yarn: the release corepack runs (`corepack pnpm@8.15.9 install …`), for a
   * project whose package.json has no `packageManager` field to pin it.
   */
  readonly packageManagerVersion?: string;
  /** Yarn 2+ with Plug'n'Play (no node_modules): the app starts with `.pnp.cjs` preloaded. */
  readonly pnp?: boolean;
  /** ESM app (`"type": "module"`): with `pnp`, Yarn's ESM loader is preloaded too. */
  readonly esm?: boolean;
  /**
   * Files the install reads besides package.json and the lockfile (`.npmrc`, `.yarnrc.yml`,
   * `.yarn/releases`, `patches`): bind-mounted into the install steps.
   */
  readonly installFiles?: readonly string[];
  /** Adds a `build` stage running the build script; the runtime gets only its output. */
  readonly hasBuildScript?: boolean;
  /** The script the build stage runs. Default `'build'`. */
  readonly buildScript?: string;
  /** The build script's output directory, copied into the runtime stage. Default `'dist'`. */
  readonly buildOutput?: string;
  /** With a build: more paths of the source the app reads at run time (`public`, `views`). */
  readonly runtimeFiles?: readonly string[];
  /** The file `node` runs. Default `'server.js'` (with a build script: `'<buildOutput>/server.js'`). */
  readonly entry?: string;
  /** The exec-form CMD, instead of `node <entry>`. */
  readonly command?: readonly string[];
  /**
   * The app sets no SIGTERM handler: Node as PID 1 then ignores `docker stop`'s SIGTERM and is
   * killed 10 s later. This preloads a handler that exits on SIGTERM unless the app has one.
   */
  readonly exitOnSigterm?: boolean;
  /** What the HEALTHCHECK probes; `false` for none. Default `{ http: '/healthz' }`. */
  readonly healthcheck?: HealthProbe | false;
}

export type NodeRecipe = DockerfileStage<
  'build',
  'runtime',
  'NODE_VERSION',
  'NODE_ENV' | 'PORT' | 'NODE_OPTIONS'
>;

const USER = 'node'; // the official node images' unprivileged user
const UID = 1000; // node's UID and GID in the official images

/**
 * The preload of {@link NodeRecipeOptions.exitOnSigterm}: exit 143 on SIGTERM when no other
 * handler is registered (the app's own handler, if it adds one, wins).
 */
export const EXIT_ON_SIGTERM =
  "data:text/javascript,process.once('SIGTERM',()=>{if(process.listenerCount('SIGTERM')===0)process.exit(143)})";

/**
 * A Node server in a slim image. The runtime stage installs production dependencies itself,
 * from package.json and the lockfile alone (bind mounts, a cache mount for the package
 * manager's downloads), before the source is copied, so a source edit never reinstalls them
 * and no node_modules is copied between stages. With `hasBuildScript`, a `build` stage installs
 * everything, builds, and the runtime stage copies only the output. The app files are owned by
 * the `node` user, which runs the server; `node` itself is PID 1 (exec form, not `npm start`).
 * Returns the builder.
 *
 * @example
 * ```ts
 * recipes.node({ nodeVersion: '22', port: 3000, packageManager: 'npm', entry: 'server.js' }).toString()
 * // ARG NODE_VERSION=22
 * //
 * // FROM node:${NODE_VERSION}-slim AS runtime
 * // ENV NODE_ENV=production PORT=3000
 * // WORKDIR /app
 * // RUN --mount=type=bind,source=package.json,target=package.json … npm ci --omit=dev && chown node:node /app
 * // COPY --chown=node:node . /app
 * // …
 * // CMD ["node", "server.js"]
 * ```
 */
export function node(options: NodeRecipeOptions = {}): NodeRecipe {
  const method = 'recipes.node';
  const version = versionArg(method, 'NODE_VERSION', 'nodeVersion', options.nodeVersion ?? '22');
  const port = checkPort(method, options.port ?? 3000);
  const pmName = options.packageManager ?? 'npm';
  const pm = NODE_PACKAGE_MANAGERS[pmName];
  if (!pm) {
    throw new DockerfileBuildError(
      method,
      `packageManager must be npm, pnpm, yarn or yarn-berry: ${show(pmName)}`,
    );
  }
  const pinned = options.packageManagerVersion;
  if (pinned !== undefined && (!pm.corepack || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(pinned))) {
    throw new DockerfileBuildError(
      method,
      `packageManagerVersion must be an exact version, for pnpm or yarn: ${show(pinned)}`,
    );
  }
  /** A corepack command with the pinned release, when there is one. */
  const pin = (command: string) =>
    pinned ? command.replace(/^corepack (\w+)/, `corepack $1@${pinned}`) : command;
  const pnp = options.pnp === true;
  if (pnp && pmName !== 'yarn-berry') {
    throw new DockerfileBuildError(method, `pnp needs packageManager yarn-berry: ${show(pmName)}`);
  }
  const hasBuild = options.hasBuildScript === true;
  const buildScript = options.buildScript ?? 'build';
  if (!/^[A-Za-z0-9][\w:.-]*$/.test(buildScript)) {
    throw new DockerfileBuildError(
      method,
      `buildScript must be a script name: ${show(buildScript)}`,
    );
  }
  const output = checkRelativePath(method, 'buildOutput', options.buildOutput ?? 'dist');
  const installFiles = (options.installFiles ?? []).map((f) =>
    checkRelativePath(method, 'installFiles', f),
  );
  const runtimeFiles = (options.runtimeFiles ?? []).map((f) =>
    checkRelativePath(method, 'runtimeFiles', f),
  );
  const entry = checkRelativePath(
    method,
    'entry',
    options.entry ?? (hasBuild ? `${output}/server.js` : 'server.js'),
  );
  const command = options.command
    ? checkCommand(method, options.command)
    : options.exitOnSigterm
      ? ['node', '--import', EXIT_ON_SIGTERM, entry]
      : ['node', entry];
  const probe = options.healthcheck === undefined ? { http: '/healthz' } : options.healthcheck;
  if (probe) checkProbe(method, probe);

  const mounts: Mount<never>[] = [
    { type: 'bind', source: 'package.json', target: 'package.json' },
    { type: 'bind', source: pm.lockfile, target: pm.lockfile },
    ...installFiles.map((f): Mount<never> => ({ type: 'bind', source: f, target: f })),
    // Yarn 1 corrupts a cache two installs fill at once (the build and runtime stages run in
    // parallel): they take turns on it.
    pmName === 'yarn'
      ? { type: 'cache', target: pm.cacheDir, sharing: 'locked' }
      : { type: 'cache', target: pm.cacheDir },
    ...(pm.corepack
      ? [
          { type: 'cache', target: COREPACK_CACHE } as const,
          // npm's cache, for the corepack install on images without one (Node 25 and newer).
          { type: 'cache', target: NODE_PACKAGE_MANAGERS.npm.cacheDir } as const,
        ]
      : []),
  ];
  // Node ships no corepack from v25 on: the install step adds it from npm where it is missing.
  // `NODE_VERSION` is an ARG a build may override, so the check runs in the image.
  const withCorepack = (...list: string[]) =>
    pm.corepack
      ? commands(`(${ENSURE_COREPACK})`, ...list)
      : list.length === 1
        ? list[0]!
        : commands(...list);

  // Plug'n'Play keeps the packages as zip files in .yarn/cache, which the app reads at run
  // time: the cache must be in the image, filled from the global mirror on the cache mount.
  const pnpEnv = pnp ? 'YARN_ENABLE_GLOBAL_CACHE=false ' : '';
  // Yarn 1: the image's own yarn when it is the pinned release, else corepack's (yarnClassic).
  const classic = pmName === 'yarn';
  const yarnArgs = (command: string) => command.replace(/^corepack yarn /, '');
  /** The install step's commands: `install` by the pinned package manager, then `more`. */
  const installing = (install: string, ...more: string[]) =>
    classic
      ? commands(...yarnClassic(yarnArgs(install), { pinned, ensureCorepack: true }), ...more)
      : withCorepack(`${pnpEnv}${pin(install)}`, ...more);
  const chown = `${USER}:${USER}`;
  const inputs = ['package.json', pm.lockfile, ...installFiles];
  const installComment = `Only ${inputs.slice(0, -1).join(', ')} and ${inputs.at(-1)} are needed to install: edits to the source reuse this layer.`;
  const yarnComment = classic
    ? ` Yarn is the release ${pinned ? pinned : "package.json's packageManager pins"}: the image's own yarn 1 when its package.json says it is that release, else corepack's.`
    : '';

  const runtimeStart = hasBuild
    ? dockerfile()
        .arg(version)
        .from(`node:${version}-slim`, { as: 'build' })
        .workdir(APP_DIR)
        .comment(
          wrapComment(
            `All dependencies, dev ones too: the build needs them; only its output goes on.${yarnComment}`,
          ),
        )
        .run(installing(pm.install), { mounts })
        .copy('.', '.')
        .run(
          classic
            ? commands(...yarnClassic(`${yarnArgs(pm.run)} ${buildScript}`, { pinned }))
            : `${pin(pm.run)} ${buildScript}`,
          // The package manager corepack fetched for the install, not fetched again.
          pm.corepack ? { mounts: [{ type: 'cache', target: COREPACK_CACHE }] } : {},
        )
        .from(`node:${version}-slim`, { as: 'runtime' })
    : dockerfile().arg(version).from(`node:${version}-slim`, { as: 'runtime' });

  const installed = runtimeStart
    .env({ NODE_ENV: 'production', PORT: String(port) })
    .workdir(APP_DIR)
    .comment(
      wrapComment(
        `${installComment} Production dependencies only, owned by root; the app owns ${APP_DIR} itself.${yarnComment}`,
      ),
    )
    .run(installing(pm.prodInstall, `chown ${chown} ${APP_DIR}`), {
      mounts,
    });

  let runtime: DockerfileStage<'build', 'runtime', 'NODE_VERSION', string>;
  if (hasBuild) {
    runtime = installed
      .copy('package.json', `${APP_DIR}/package.json`, { chown })
      .copy(`${APP_DIR}/${output}`, `${APP_DIR}/${output}`, { from: 'build', chown });
    for (const file of runtimeFiles) {
      runtime = runtime.copy(file, `${APP_DIR}/${file}`, { chown });
    }
  } else {
    runtime = installed.copy('.', APP_DIR, { chown });
  }
  const linked = pnp
    ? runtime
        .comment(
          "Plug'n'Play: node resolves packages through .pnp.cjs (set after the install, which\nmust run without it).",
        )
        .env(
          'NODE_OPTIONS',
          `--require ${APP_DIR}/.pnp.cjs${options.esm ? ` --experimental-loader ${APP_DIR}/.pnp.loader.mjs` : ''}`,
        )
    : runtime;
  const withUser = linked
    .comment(`The image's unprivileged user ${USER}, by number: a runtime can tell it is not root.`)
    .user(`${UID}:${UID}`)
    .expose(port);
  const checked = probe
    ? withUser
        .comment(`Slim images have no curl: probe ${describeProbe(probe)} with Node itself.`)
        .healthcheck(nodeProbe(probe, port), HEALTHCHECK_TIMING)
    : withUser;
  return checked
    .comment(
      options.exitOnSigterm && !options.command
        ? `node is PID 1 (exec form, not npm start), and PID 1 ignores SIGTERM unless it has a\nhandler: the app has none, so the preload ends it on docker stop's SIGTERM.`
        : "node itself is PID 1 (exec form, not npm start), so docker stop's SIGTERM reaches the server.",
    )
    .cmd(command) as unknown as NodeRecipe;
}
