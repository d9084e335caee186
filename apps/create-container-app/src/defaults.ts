/** Defaults shown in `--help` and used when a flag is absent. */
export const DEFAULTS = {
  flaskPort: 8000,
  nodePort: 3000,
  pythonVersion: '3.12',
  nodeVersion: '22',
  /** The README's `--build-arg` example when the default is chosen (an existing, newer image). */
  pythonExampleVersion: '3.13',
  nodeExampleVersion: '24',
  /** gunicorn's `--graceful-timeout` in the recipe: under Docker's 10 s stop grace period. */
  gracefulTimeout: 8,
} as const;
