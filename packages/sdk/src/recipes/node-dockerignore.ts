import type { DockerignoreBuilder } from '../dockerignore.js';
import { contextIgnores } from './context-ignores.js';

/**
 * `.dockerignore` for {@link node}: dependencies are installed in the image, never copied
 * from the host; logs, secrets and the container files stay out of the build context.
 *
 * @example
 * ```ts
 * recipes.nodeDockerignore().toString()
 * // # Not sent to the builder: keeps the context small and COPY . free of local state.
 * // .git
 * // **\/node_modules
 * // …
 * ```
 */
export function nodeDockerignore(): DockerignoreBuilder {
  return contextIgnores((b) =>
    b
      .add('.git', '**/node_modules', 'dist', 'coverage', '.pnpm-store')
      .add('.pnp.*', '.yarn/cache', '.yarn/unplugged', '.yarn/install-state.gz')
      .add('npm-debug.log*', 'yarn-debug.log*', 'yarn-error.log*', '*.log'),
  );
}
