import { commands } from '../commands.js';
import { dockerfile } from '../dockerfile.js';
import { DockerfileBuildError, show } from '../dockerfile-build-error.js';
import {
  APP_DIR,
  checkPort,
  checkRelativePath,
  HEALTHCHECK_TIMING,
  versionArg,
} from './recipe-checks.js';

/** Options of {@link recipes | `recipes.python`}. */
export interface PythonRecipeOptions {
  /** The `python:<version>-slim` tag, the default of `ARG PYTHON_VERSION`. Default `'3.12'`. */
  readonly pythonVersion?: string;
  /** The port gunicorn binds on 0.0.0.0 (through `PORT`). Default `8000`. */
  readonly port?: number;
  /** The WSGI application, `module:variable`. Default `'app:app'`. */
  readonly app?: string;
  /** The pinned requirements file, bind-mounted into the install step. Default `'requirements.txt'`. */
  readonly requirements?: string;
  /** Seconds gunicorn lets in-flight requests finish after SIGTERM. Default `8` (under Docker's 10 s). */
  readonly gracefulTimeout?: number;
}

const USER = 'app';
const UID = 10001;
const VENV = '/opt/venv';

/**
 * A Python web app served by gunicorn, in two stages: `builder` creates a venv in /opt/venv and
 * installs the requirements into it (a bind mount of the requirements file and a pip cache
 * mount, so the source is not needed yet and downloads survive rebuilds); `runtime` copies the
 * venv alone into a fresh slim image, copies the source last, owned by an unprivileged user,
 * and runs gunicorn as PID 1. Returns the builder, so a build script can keep going.
 *
 * @example
 * ```ts
 * recipes.python({ pythonVersion: '3.12', port: 8000, app: 'app:app' }).toString()
 * // ARG PYTHON_VERSION=3.12
 * //
 * // FROM python:${PYTHON_VERSION}-slim AS builder
 * // WORKDIR /app
 * // RUN python -m venv /opt/venv
 * // RUN --mount=type=cache,target=/root/.cache/pip --mount=type=bind,source=requirements.txt,target=requirements.txt /opt/venv/bin/pip install --disable-pip-version-check -r requirements.txt
 * //
 * // FROM python:${PYTHON_VERSION}-slim AS runtime
 * // ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH="/opt/venv/bin:${PATH}" PORT=8000
 * // …
 * // CMD ["gunicorn", "--graceful-timeout", "8", "--worker-tmp-dir", "/dev/shm", "app:app"]
 * ```
 */
export function python(options: PythonRecipeOptions = {}) {
  const method = 'recipes.python';
  const version = versionArg(
    method,
    'PYTHON_VERSION',
    'pythonVersion',
    options.pythonVersion ?? '3.12',
  );
  const port = checkPort(method, options.port ?? 8000);
  const app = options.app ?? 'app:app';
  if (!/^[A-Za-z_][\w.]*(:[A-Za-z_][\w.()'", =-]*)?$/.test(app)) {
    throw new DockerfileBuildError(
      method,
      `app must be a WSGI application such as "app:app": ${show(app)}`,
    );
  }
  const requirements = checkRelativePath(
    method,
    'requirements',
    options.requirements ?? 'requirements.txt',
  );
  const graceful = options.gracefulTimeout ?? 8;
  if (!Number.isInteger(graceful) || graceful < 1) {
    throw new DockerfileBuildError(
      method,
      `gracefulTimeout must be a positive integer (seconds): ${show(graceful)}`,
    );
  }
  return dockerfile()
    .arg(version)
    .from(`python:${version}-slim`, { as: 'builder' })
    .workdir(APP_DIR)
    .run(`python -m venv ${VENV}`)
    .comment(`Only ${requirements} is needed to install: edits to the source reuse this layer.`)
    .run(`${VENV}/bin/pip install --disable-pip-version-check -r ${requirements}`, {
      mounts: [
        { type: 'cache', target: '/root/.cache/pip' },
        { type: 'bind', source: requirements, target: requirements },
      ],
    })
    .from(`python:${version}-slim`, { as: 'runtime' })
    .env({
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONUNBUFFERED: '1',
      PATH: `${VENV}/bin:\${PATH}`,
      PORT: String(port),
    })
    .run(
      commands(
        `groupadd --system --gid ${UID} ${USER}`,
        `useradd --system --uid ${UID} --gid ${USER} --no-create-home --shell /usr/sbin/nologin ${USER}`,
      ),
    )
    .copy(VENV, VENV, { from: 'builder' })
    .comment(
      `No WORKDIR before this COPY: the COPY creates ${APP_DIR} owned by ${USER}, so the app can\nwrite there (\`docker compose watch\` syncs new files into it).`,
    )
    .copy('.', APP_DIR, { chown: `${USER}:${USER}` })
    .workdir(APP_DIR)
    .user(USER)
    .expose(port)
    .comment('Slim images have no curl: probe /healthz with Python itself.')
    .healthcheck(
      [
        'python',
        '-c',
        `import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '${port}') + '/healthz', timeout=2)`,
      ],
      HEALTHCHECK_TIMING,
    )
    .comment(
      `gunicorn binds 0.0.0.0:$PORT when PORT is set. Exec form: gunicorn is PID 1 and gets\ndocker stop's SIGTERM, then lets requests finish for up to ${graceful} s.`,
    )
    .cmd(['gunicorn', '--graceful-timeout', String(graceful), '--worker-tmp-dir', '/dev/shm', app]);
}
