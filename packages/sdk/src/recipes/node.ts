import { type DockerfileStage, dockerfile } from '../dockerfile.js';
import { DockerfileBuildError, show } from '../dockerfile-build-error.js';
import type { Mount } from '../types.js';
import {
  COREPACK_CACHE,
  ENSURE_COREPACK,
  NODE_PACKAGE_MANAGERS,
  type NodePackageManager,
} from './node-package-managers.js';
import {
  APP_DIR,
  checkPort,
  checkRelativePath,
  HEALTHCHECK_TIMING,
  versionArg,
} from './recipe-checks.js';

/** Options of {@link recipes | `recipes.node`}. */
export interface NodeRecipeOptions {
  /** The `node:<version>-slim` tag, the default of `ARG NODE_VERSION`. Default `'22'`. */
  readonly nodeVersion?: string;
  /** The port the server listens on (passed as `PORT`). Default `3000`. */
  readonly port?: number;
  /** Default `'npm'`. pnpm and yarn (1) run through corepack, pinned by `packageManager`. */
  readonly packageManager?: NodePackageManager;
  /** Adds a `build` stage running the `build` script; the runtime gets only its output. */
  readonly hasBuildScript?: boolean;
  /** The build script's output directory, copied into the runtime stage. Default `'dist'`. */
  readonly buildOutput?: string;
  /** The file `node` runs. Default `'server.js'` (with a build script: `'<buildOutput>/server.js'`). */
  readonly entry?: string;
}

export type NodeRecipe = DockerfileStage<
  'deps' | 'build',
  'runtime',
  'NODE_VERSION',
  'NODE_ENV' | 'PORT'
>;

const USER = 'node'; // the official node images' unprivileged user, UID 1000

/**
 * A Node server in up to three stages: `deps` installs production dependencies from
 * package.json and the lockfile alone (bind mounts, a cache mount for the package manager's
 * downloads); `build`, only with `hasBuildScript`, installs everything, copies the source and
 * runs the build; `runtime` holds only what runs: `node_modules` from `deps`, then the source
 * (or package.json and the build output), owned by the `node` user, started by `node` itself
 * (exec form, not `npm start`, so SIGTERM reaches the server). Returns the builder.
 *
 * @example
 * ```ts
 * recipes.node({ nodeVersion: '22', port: 3000, packageManager: 'npm', entry: 'server.js' }).toString()
 * // ARG NODE_VERSION=22
 * //
 * // FROM node:${NODE_VERSION}-slim AS deps
 * // WORKDIR /app
 * // RUN --mount=type=bind,source=package.json,target=package.json --mount=type=bind,source=package-lock.json,target=package-lock.json --mount=type=cache,target=/root/.npm npm ci --omit=dev
 * //
 * // FROM node:${NODE_VERSION}-slim AS runtime
 * // ENV NODE_ENV=production PORT=3000
 * // COPY --from=deps --chown=node:node /app/node_modules /app/node_modules
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
      `packageManager must be npm, pnpm or yarn: ${show(pmName)}`,
    );
  }
  const hasBuild = options.hasBuildScript === true;
  const output = checkRelativePath(method, 'buildOutput', options.buildOutput ?? 'dist');
  const entry = checkRelativePath(
    method,
    'entry',
    options.entry ?? (hasBuild ? `${output}/server.js` : 'server.js'),
  );

  const mounts: Mount<never>[] = [
    { type: 'bind', source: 'package.json', target: 'package.json' },
    { type: 'bind', source: pm.lockfile, target: pm.lockfile },
    { type: 'cache', target: pm.cacheDir },
    ...(pm.corepack ? [{ type: 'cache', target: COREPACK_CACHE } as const] : []),
  ];
  const chown = `${USER}:${USER}`;
  const deps = withCorepack(
    dockerfile().arg(version).from(`node:${version}-slim`, { as: 'deps' }),
    pm.corepack,
  )
    .workdir(APP_DIR)
    .comment(
      `Only package.json and ${pm.lockfile} are needed to install: edits to the source reuse this layer.`,
    )
    .run(pm.prodInstall, { mounts });
  const runtimeComment = `No WORKDIR before these COPYs: they create ${APP_DIR} owned by ${USER}, so the app can\nwrite there (\`docker compose watch\` syncs new files into it).`;

  if (hasBuild) {
    // The build stage installs dev dependencies too; only its output reaches the runtime.
    const runtime = withCorepack(deps.from(`node:${version}-slim`, { as: 'build' }), pm.corepack)
      .workdir(APP_DIR)
      .run(pm.install, { mounts })
      .copy('.', '.')
      .run(`${pm.run} build`)
      .from(`node:${version}-slim`, { as: 'runtime' })
      .env({ NODE_ENV: 'production', PORT: String(port) })
      .comment(runtimeComment)
      .copy(`${APP_DIR}/node_modules`, `${APP_DIR}/node_modules`, { from: 'deps', chown })
      .copy('package.json', `${APP_DIR}/package.json`, { chown })
      .copy(`${APP_DIR}/${output}`, `${APP_DIR}/${output}`, { from: 'build', chown });
    return finish(runtime, port, entry);
  }
  const runtime = deps
    .from(`node:${version}-slim`, { as: 'runtime' })
    .env({ NODE_ENV: 'production', PORT: String(port) })
    .comment(runtimeComment)
    .copy(`${APP_DIR}/node_modules`, `${APP_DIR}/node_modules`, { from: 'deps', chown })
    .copy('.', APP_DIR, { chown });
  return finish(runtime, port, entry);
}

/**
 * For pnpm and yarn: corepack, installed from npm (with npm's cache mount) where the image has
 * none (Node 25 and newer). Before WORKDIR, so it is not one more RUN right beside the install.
 */
function withCorepack<S extends string, C extends string>(
  stage: DockerfileStage<S, C, 'NODE_VERSION', never>,
  needed: boolean,
): DockerfileStage<S, C, 'NODE_VERSION', never> {
  if (!needed) return stage;
  return stage
    .comment('Node ships no corepack from v25 on: install it from npm where it is missing.')
    .run(ENSURE_COREPACK, {
      mounts: [{ type: 'cache', target: NODE_PACKAGE_MANAGERS.npm.cacheDir }],
    });
}

/** The runtime stage's common tail: user, port, healthcheck, command. */
function finish<S extends string>(
  stage: DockerfileStage<S, 'runtime', 'NODE_VERSION', 'NODE_ENV' | 'PORT'>,
  port: number,
  entry: string,
): NodeRecipe {
  return stage
    .workdir(APP_DIR)
    .user(USER)
    .expose(port)
    .comment('Slim images have no curl: probe /healthz with Node itself.')
    .healthcheck(
      [
        'node',
        '-e',
        `fetch('http://127.0.0.1:' + (process.env.PORT || ${port}) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
      ],
      HEALTHCHECK_TIMING,
    )
    .comment(
      "node itself is PID 1 (exec form, not npm start), so docker stop's SIGTERM reaches the server.",
    )
    .cmd(['node', entry]) as unknown as NodeRecipe;
}
