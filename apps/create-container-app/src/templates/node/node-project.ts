import type { NodePlan } from '../../container/container-plan.js';
import type { NodePackageManagerChoice } from '../../package-managers.js';
import { packageManagerField } from '../../package-managers.js';
import type { ProjectFile } from '../../write/staged-project.js';
import type { NewProjectSettings } from '../template.js';
import gitignore from './gitignore.hbs';

/** The Express range written to package.json (the lockfile pins the exact tree). */
export const EXPRESS_RANGE = '^5.1.0';

/** Yarn 2+ installs into node_modules unless told otherwise: the layout every tool reads. */
export const YARNRC = 'nodeLinker: node-modules\n';

/**
 * package.json of a new Node project, with the pin corepack reads (`packageManager`), and the
 * files every package manager needs beside it (.gitignore; .yarnrc.yml for Yarn 2+).
 *
 * @example
 * ```ts
 * nodeProjectFiles({ name: 'web', pm, scripts: { start: 'node server.js' }, dependencies: { express: '^5.1.0' } })
 * // [{ path: 'package.json', … }, { path: '.gitignore', … }]
 * ```
 */
export function nodeProjectFiles(options: {
  readonly name: string;
  readonly pm: NodePackageManagerChoice;
  readonly scripts: Readonly<Record<string, string>>;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}): ProjectFile[] {
  const field = packageManagerField(options.pm);
  const pkg = {
    name: options.name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: options.scripts,
    // What the code needs (the oldest maintained Node line), not the image's version: the
    // Dockerfile pins that, and Yarn 1 refuses to install when engines excludes the running Node.
    engines: { node: '>=20' },
    ...(field ? { packageManager: field } : {}),
    dependencies: options.dependencies,
    ...(options.devDependencies ? { devDependencies: options.devDependencies } : {}),
  };
  const berry = options.pm.kind === 'yarn-berry';
  return [
    { path: 'package.json', content: `${JSON.stringify(pkg, null, 2)}\n` },
    ...(berry ? [{ path: '.yarnrc.yml', content: YARNRC }] : []),
    { path: '.gitignore', content: gitignore({ yarnBerry: berry }) },
  ];
}

/**
 * The container plan of a new Node project: the templates' own server (with `/healthz` and a
 * SIGTERM handler), run by `node <entry>`, built by `build` when there is one.
 */
export function newNodePlan(
  settings: NewProjectSettings,
  options: { readonly entry: string; readonly build?: NodePlan['build'] },
): NodePlan {
  const pm = settings.node;
  return {
    language: 'node',
    imageName: settings.imageName,
    port: settings.port,
    nodeVersion: settings.nodeVersion,
    packageManager: pm,
    corepackVersion: undefined,
    pnp: false,
    esm: true,
    installFiles: pm.kind === 'yarn-berry' ? ['.yarnrc.yml'] : [],
    build: options.build,
    entry: options.entry,
    command: undefined,
    exitOnSigterm: false,
    healthcheck: { http: '/healthz' },
  };
}
