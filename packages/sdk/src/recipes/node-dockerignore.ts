import { type DockerignoreBuilder, dockerignore } from '../dockerignore.js';

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
  return dockerignore()
    .comment('Not sent to the builder: keeps the context small and COPY . free of local state.')
    .add('.git', '**/node_modules', 'dist', 'coverage', '.pnpm-store')
    .add('.pnp.*', '.yarn/cache', '.yarn/unplugged', '.yarn/install-state.gz')
    .add('npm-debug.log*', 'yarn-debug.log*', 'yarn-error.log*', '*.log')
    .add('.env', '.env.*')
    .add(
      'Dockerfile*',
      '.dockerignore',
      'compose.y*ml',
      'compose.*.y*ml',
      'docker-compose.y*ml',
      'docker-compose.*.y*ml',
    )
    .comment('Documents and editor settings at the top: editing them rebuilds no layer.')
    .add('*.md', '.gitignore', '.gitattributes', '.editorconfig', '.github', '.vscode', '.idea');
}
