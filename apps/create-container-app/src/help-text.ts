import { DEFAULTS } from './defaults.js';
import { NODE_PACKAGE_MANAGERS, PYTHON_PACKAGE_MANAGERS } from './package-managers.js';
import { TEMPLATES } from './templates/index.js';

/** `--help`: every flag, its default, and the exit codes; the templates from their descriptors. */
export function helpText(version: string): string {
  const width = Math.max(...TEMPLATES.map((t) => t.name.length));
  const templates = TEMPLATES.map((t) => `      ${t.name.padEnd(width)}  ${t.hint}`).join('\n');
  return `create-container-app ${version}
Create a Flask or Node project with the files that put it in a container (Dockerfile,
.dockerignore, compose.yaml, compose.watch.yaml), or add those files to a project you already
have (--existing).

Usage:
  npm create container-app [dir] -- [options]
  pnpm create container-app [dir] [options]
  npx create-container-app [dir] [options]
  npx create-container-app --existing [dir] [options]

Options:
  -t, --template NAME          ${TEMPLATES.map((t) => t.name).join(' | ')}
${templates}
      --package-manager NAME   flask: ${PYTHON_PACKAGE_MANAGERS.join(' | ')} (default pip)
                               node, node-ts: ${NODE_PACKAGE_MANAGERS.join(' | ')} (default: the one running this
                               command, from npm_config_user_agent, else npm); NAME@VERSION pins
                               pnpm or Yarn (yarn is Yarn 1, yarn@4 is Yarn 4)
  -p, --port N                 port the app listens on (default: ${DEFAULTS.flaskPort} flask, ${DEFAULTS.nodePort} node)
      --python-version V       python:<V>-slim base image (default: ${DEFAULTS.pythonVersion})
      --node-version V         node:<V>-slim base image (default: ${DEFAULTS.nodeVersion})
      --healthcheck CHECK      what the HEALTHCHECK probes: a path (/healthz), / (answered),
                               tcp, or none
      --no-interactive         never prompt; missing input is an error (also the case without a TTY)
      --overwrite              write into a non-empty directory, replacing only the files this
                               template writes; nothing else is deleted
      --overwrite=FILES        replace only these files (comma-separated; with --existing)
      --dry-run                print the plan and every file; write nothing
      --no-install             do not run the package manager (no lockfile is created)
  -h, --help                   show this help
  -v, --version                show the version

An existing project (--existing [dir], default the current directory):
  Detects the stack, package manager, start command, build step and port, and writes only
  Dockerfile, .dockerignore, compose.yaml, compose.watch.yaml and README.Docker.md (and the
  lockfile when the project has none). An existing file is replaced only when --overwrite=NAME names it.
  Every detected value can be given instead:
      --template NAME          the stack to read the project as
      --start CMD              the command that starts the app ("node server.js",
                               "gunicorn app:app")
      --app MODULE:APP         flask: the WSGI application (app:app, myapp:create_app())
      --build SCRIPT           node: the package.json script that builds; --no-build for none
      --build-output DIR       node: the directory the build writes (dist)
  plus --package-manager, --port, --python-version, --node-version and --healthcheck.

Exit codes: 0 done, 1 written without its lockfile (the message says how to finish),
2 nothing was done (bad input, or the target was not as expected), 130 interrupted.
`;
}
