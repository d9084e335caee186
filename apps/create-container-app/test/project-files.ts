/** The files a scaffold writes (sorted as `readdirSync(...).sort()` lists them), per template. */
export const FLASK_FILES: readonly string[] = [
  '.dockerignore',
  '.gitignore',
  'Dockerfile',
  'README.md',
  'app.py',
  'compose.watch.yaml',
  'compose.yaml',
  'requirements.txt',
];

/** The node template's files without a lockfile (`--no-install`, or the registry unreachable). */
export const NODE_FILES: readonly string[] = [
  '.dockerignore',
  '.gitignore',
  'Dockerfile',
  'README.md',
  'compose.watch.yaml',
  'compose.yaml',
  'package.json',
  'server.js',
];
