import { type DockerignoreBuilder, dockerignore } from '../dockerignore.js';

/**
 * `.dockerignore` for {@link python}: local virtualenvs, caches, secrets and the container
 * files themselves stay out of the build context (and out of `COPY . /app`).
 *
 * @example
 * ```ts
 * recipes.pythonDockerignore().toString()
 * // # Not sent to the builder: keeps the context small and COPY . free of local state.
 * // .git
 * // .venv
 * // …
 * ```
 */
export function pythonDockerignore(): DockerignoreBuilder {
  return dockerignore()
    .comment('Not sent to the builder: keeps the context small and COPY . free of local state.')
    .add('.git', '.venv', 'venv', '**/__pycache__', '**/*.py[cod]')
    .add('.pytest_cache', '.mypy_cache', '.ruff_cache', '*.egg-info', 'build', 'dist')
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
