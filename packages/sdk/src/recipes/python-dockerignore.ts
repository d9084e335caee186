import type { DockerignoreBuilder } from '../dockerignore.js';
import { contextIgnores } from './context-ignores.js';

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
  return contextIgnores((b) =>
    b
      .add('.git', '.venv', 'venv', '**/__pycache__', '**/*.py[cod]')
      .add('.pytest_cache', '.mypy_cache', '.ruff_cache', '*.egg-info', 'build', 'dist'),
  );
}
