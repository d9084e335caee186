import { node } from './node.js';
import { nodeDockerignore } from './node-dockerignore.js';
import { NODE_PACKAGE_MANAGERS } from './node-package-managers.js';
import { POETRY_VERSION, python, UV_VERSION } from './python.js';
import { pythonDockerignore } from './python-dockerignore.js';
import { APP_DIR } from './recipe-checks.js';

/**
 * Whole stacks as builders, shared by create-container-app and users' build scripts: each
 * returns the builder, so a script can add to it.
 *
 * @example
 * ```ts
 * import { recipes } from '@dockwright/sdk';
 * const text = recipes
 *   .node({ nodeVersion: '22', port: 3000, packageManager: 'pnpm' })
 *   .label('org.opencontainers.image.source', 'https://github.com/me/app')
 *   .toString();
 * ```
 */
export const recipes = Object.freeze({
  python,
  node,
  pythonDockerignore,
  nodeDockerignore,
  /** Lockfile, cache directory and install commands of each package manager `node` knows. */
  nodePackageManagers: NODE_PACKAGE_MANAGERS,
  /** Where both recipes put the application. */
  appDir: APP_DIR,
  /** The default of `recipes.python`'s `uvVersion`: the `ghcr.io/astral-sh/uv` tag mounted. */
  uvVersion: UV_VERSION,
  /** The default of `recipes.python`'s `poetryVersion`: the Poetry release that exports. */
  poetryVersion: POETRY_VERSION,
});
