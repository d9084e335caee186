import { DEFAULTS, PACKAGE_MANAGERS, TEMPLATES } from './choices.js';

/** `--help`: every flag, its default, and the exit codes. */
export function helpText(version: string): string {
  const templates = TEMPLATES.map((t) => `      ${t.value.padEnd(6)} ${t.hint}`).join('\n');
  return `create-container-app ${version}
Scaffold a Flask or Node project with a Dockerfile, .dockerignore and Compose files.

Usage:
  npm create container-app [dir] -- [options]
  pnpm create container-app [dir] [options]
  npx create-container-app [dir] [options]

Options:
  -t, --template NAME          ${TEMPLATES.map((t) => t.value).join(' | ')}
${templates}
      --package-manager NAME   ${PACKAGE_MANAGERS.join(' | ')} (node; default: the one running this command,
                               from npm_config_user_agent, else npm)
  -p, --port N                 port the app listens on (default: ${DEFAULTS.flaskPort} flask, ${DEFAULTS.nodePort} node)
      --python-version V       python:<V>-slim base image (default: ${DEFAULTS.pythonVersion})
      --node-version V         node:<V>-slim base image (default: ${DEFAULTS.nodeVersion})
      --no-interactive         never prompt; missing input is an error (also the case without a TTY)
      --overwrite              write into a non-empty directory, replacing only the files this
                               template writes; nothing else is deleted
      --dry-run                print the plan and every file; write nothing
      --no-install             do not run the package manager (node: no lockfile is created)
  -h, --help                   show this help
  -v, --version                show the version

Exit codes: 0 done, 1 bad input or failure, 130 interrupted.
`;
}
