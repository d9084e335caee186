import { commands } from '../commands.js';
import { dockerfile } from '../dockerfile.js';
import { DockerfileBuildError, show } from '../dockerfile-build-error.js';
import { image } from '../image.js';
import type { Mount } from '../types.js';
import { checkProbe, describeProbe, type HealthProbe, pythonProbe } from './health-probe.js';
import {
  APP_DIR,
  checkCommand,
  checkPort,
  checkRelativePath,
  HEALTHCHECK_TIMING,
  versionArg,
  wrapComment,
} from './recipe-checks.js';

/** The package managers `recipes.python` installs with. */
export type PythonPackageManager = 'pip' | 'uv' | 'poetry';

/** Options of {@link recipes | `recipes.python`}. */
export interface PythonRecipeOptions {
  /** The `python:<version>-slim` tag, the default of `ARG PYTHON_VERSION`. Default `'3.12'`. */
  readonly pythonVersion?: string;
  /** The port the app listens on (passed as `PORT`). Default `8000`. */
  readonly port?: number;
  /**
   * How dependencies are installed, from the lockfile alone. Default `'pip'`:
   * - `pip`: `requirements` (pinned) into the image's own Python;
   * - `uv`: `uv sync --locked --no-dev` from pyproject.toml and uv.lock, uv mounted from its
   *   image for that one step;
   * - `poetry`: Poetry, installed in a venv of its own in a stage of its own and mounted for the
   *   install step alone, exports poetry.lock's main group as a hashed requirements list, which
   *   pip installs with `--require-hashes` in the same step.
   * Neither uv nor Poetry reaches the runtime image.
   */
  readonly packageManager?: PythonPackageManager;
  /** pip: the pinned requirements file. Default `'requirements.txt'`. */
  readonly requirements?: string;
  /** pip: more files the requirements file reads (`-r`, `-c` includes), mounted beside it. */
  readonly installFiles?: readonly string[];
  /**
   * Pinned packages installed beside the project's own (`gunicorn==23.0.0` for a project that
   * lacks a server): they go into the image, never into the project's files.
   */
  readonly extraPackages?: readonly string[];
  /** The WSGI application gunicorn serves (the default command), `module:variable`. Default `'app:app'`. */
  readonly app?: string;
  /** The exec-form CMD. Default: gunicorn serving `app` with a graceful timeout. */
  readonly command?: readonly string[];
  /** What the HEALTHCHECK probes; `false` for none. Default `{ http: '/healthz' }`. */
  readonly healthcheck?: HealthProbe | false;
  /** Seconds gunicorn lets in-flight requests finish after SIGTERM. Default `8` (under Docker's 10 s). */
  readonly gracefulTimeout?: number;
  /** uv: the tag of `ghcr.io/astral-sh/uv` the install step mounts. Default `recipes.uvVersion`. */
  readonly uvVersion?: string;
  /** poetry: the Poetry release that exports the lockfile. Default `recipes.poetryVersion`. */
  readonly poetryVersion?: string;
}

/** The uv image tag mounted by default (a minor: patch releases come in). */
export const UV_VERSION = '0.8';
/** The Poetry release installed by default when the lockfile does not name one. */
export const POETRY_VERSION = '2.1.3';

const USER = 'app';
const UID = 10001;
const VENV = '/opt/venv';
/** Poetry's own venv, made in the `poetry` stage and mounted at the same path for the install. */
const POETRY_VENV = '/opt/poetry';
/** Where Poetry writes the exported requirements, removed once pip has installed them. */
const EXPORTED = '/tmp/requirements.txt';
/** Where the install step sees the dependency files: apart from /app, which the COPY creates. */
const INSTALL_DIR = '/tmp/project';
/** A requirement with a version: `gunicorn==23.0.0`, `gunicorn>=20.1,<24`. */
const PACKAGE =
  /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?(==|~=|>=|<=|>|<|!=)[A-Za-z0-9.*+!-]+(,(==|~=|>=|<=|>|<|!=)[A-Za-z0-9.*+!-]+)*$/;

/**
 * A Python web app in a slim image, in the layout that adds the least: the locked dependencies
 * installed straight into the image's own Python (one app per image needs no venv; pip, uv and
 * Poetry add nothing to it), from the dependency files alone (bind mounts, a cache mount for
 * downloads) before the source is copied, so a source edit never reinstalls them; the source
 * last, owned by an unprivileged user; gunicorn as PID 1. uv installs into a venv of its own
 * making (`/opt/venv`, first on PATH), which holds no pip either. No layer is copied between
 * stages. Returns the builder, so a build script can keep going.
 *
 * @example
 * ```ts
 * recipes.python({ pythonVersion: '3.12', port: 8000, app: 'app:app' }).toString()
 * // ARG PYTHON_VERSION=3.12
 * //
 * // FROM python:${PYTHON_VERSION}-slim AS runtime
 * // ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PORT=8000
 * // RUN groupadd --system --gid 10001 app && useradd … app
 * // RUN --mount=type=cache,target=/root/.cache/pip --mount=type=bind,source=requirements.txt,… pip install … -r /tmp/project/requirements.txt
 * // COPY --chown=app:app . /app
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
  const pm = options.packageManager ?? 'pip';
  if (pm !== 'pip' && pm !== 'uv' && pm !== 'poetry') {
    throw new DockerfileBuildError(method, `packageManager must be pip, uv or poetry: ${show(pm)}`);
  }
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
  const installFiles = (options.installFiles ?? []).map((f) =>
    checkRelativePath(method, 'installFiles', f),
  );
  const extras = [...(options.extraPackages ?? [])];
  for (const extra of extras) {
    if (!PACKAGE.test(extra)) {
      throw new DockerfileBuildError(
        method,
        `extraPackages must be requirements with a version, such as "gunicorn==23.0.0": ${show(extra)}`,
      );
    }
  }
  const graceful = options.gracefulTimeout ?? 8;
  if (!Number.isInteger(graceful) || graceful < 1) {
    throw new DockerfileBuildError(
      method,
      `gracefulTimeout must be a positive integer (seconds): ${show(graceful)}`,
    );
  }
  const command = options.command
    ? checkCommand(method, options.command)
    : ['gunicorn', '--graceful-timeout', String(graceful), '--worker-tmp-dir', '/dev/shm', app];
  const probe = options.healthcheck === undefined ? { http: '/healthz' } : options.healthcheck;
  if (probe) checkProbe(method, probe);
  const uvVersion = tag(method, 'uvVersion', options.uvVersion ?? UV_VERSION);
  const poetryVersion = tag(method, 'poetryVersion', options.poetryVersion ?? POETRY_VERSION);
  if (pm === 'poetry' && /^(0|1\.[0-2])(\.|$)/.test(poetryVersion)) {
    throw new DockerfileBuildError(
      method,
      `poetryVersion must be 1.3 or later (the install step runs \`poetry --directory\`, which came with 1.3): ${show(poetryVersion)}`,
    );
  }

  const bind = (file: string): Mount<never> => ({
    type: 'bind',
    source: file,
    target: `${INSTALL_DIR}/${file}`,
  });
  // As root into the image's Python, which is what the image is for: the warning pip gives
  // for that is about shared systems.
  const pipInstall = 'pip install --disable-pip-version-check --root-user-action=ignore';
  const pipInto =
    pm === 'uv'
      ? `pip --python ${VENV}/bin/python install --disable-pip-version-check`
      : pipInstall;
  /**
   * The app's unprivileged user, the install command, then the extra packages when there are
   * any: one RUN, so a cold build starts one container less (the user costs milliseconds to
   * make again when the dependencies change).
   */
  const install = (...steps: string[]) =>
    commands(
      `groupadd --system --gid ${UID} ${USER}`,
      `useradd --system --uid ${UID} --gid ${USER} --no-create-home --shell /usr/sbin/nologin ${USER}`,
      ...steps,
      ...(extras.length > 0
        ? [`${pipInto} ${extras.map((e) => (/[<>]/.test(e) ? `"${e}"` : e)).join(' ')}`]
        : []),
    );

  // Poetry gets a stage of its own, which depends on nothing of the project's: its layer is
  // made once per Poetry version. A venv without pip of its own (the image's pip installs into
  // it through the system site, which holds only pip), so making it costs nothing; pip compiles
  // Poetry there once, so every export after starts fast.
  const start =
    pm === 'poetry'
      ? dockerfile()
          .arg(version)
          .from(`python:${version}-slim`, { as: 'poetry' })
          .comment(
            wrapComment(
              'Poetry in a venv of its own, which the install step mounts to read poetry.lock: it never reaches the runtime image.',
            ),
          )
          .run(
            commands(
              `python -m venv --without-pip --system-site-packages ${POETRY_VENV}`,
              `${POETRY_VENV}/bin/python -m pip install --disable-pip-version-check "poetry==${poetryVersion}"${poetryVersion.startsWith('1.') ? '' : ' poetry-plugin-export'}`,
            ),
            { mounts: [{ type: 'cache', target: '/root/.cache/pip' }] },
          )
          .from(`python:${version}-slim`, { as: 'runtime' })
      : dockerfile().arg(version).from(`python:${version}-slim`, { as: 'runtime' });

  const stage = start.env({
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    ...(pm === 'uv' ? { PATH: `${VENV}/bin:\${PATH}` } : {}),
    PORT: String(port),
  });

  const installed =
    pm === 'pip'
      ? stage
          .comment(
            wrapComment(
              `An unprivileged user for the app, then the dependencies: only ${[requirements, ...installFiles].join(', ')} ${installFiles.length > 0 ? 'are' : 'is'} needed to install them, so edits to the source reuse this layer.`,
            ),
          )
          .run(install(`${pipInstall} -r ${INSTALL_DIR}/${requirements}`), {
            mounts: [
              { type: 'cache', target: '/root/.cache/pip' },
              bind(requirements),
              ...installFiles.map(bind),
            ],
          })
      : pm === 'uv'
        ? stage
            .comment(
              'An unprivileged user for the app, then the dependencies: only pyproject.toml and uv.lock\nare needed to install them, so edits to the source reuse this layer. uv is mounted from\nits image for this step alone.',
            )
            .run(
              install(
                `UV_PROJECT_ENVIRONMENT=${VENV} UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1 uv sync --project ${INSTALL_DIR} --locked --no-dev --no-install-project`,
              ),
              {
                mounts: [
                  {
                    type: 'bind',
                    from: image(`ghcr.io/astral-sh/uv:${uvVersion}`),
                    source: '/uv',
                    target: '/bin/uv',
                  },
                  { type: 'cache', target: '/root/.cache/uv' },
                  ...(extras.length > 0
                    ? [{ type: 'cache', target: '/root/.cache/pip' } as const]
                    : []),
                  bind('pyproject.toml'),
                  bind('uv.lock'),
                ],
              },
            )
        : stage
            .comment(
              "An unprivileged user for the app, then poetry.lock's main group exported by Poetry (mounted\nfrom its stage for this step alone) and exactly that installed, each file checked against\nits hash: only pyproject.toml and poetry.lock are needed, so edits to the source reuse\nthis layer.",
            )
            .run(
              install(
                `${POETRY_VENV}/bin/python -m poetry --directory ${INSTALL_DIR} export --only main --format requirements.txt --output ${EXPORTED}`,
                `${pipInstall} --no-deps --require-hashes -r ${EXPORTED}`,
                `rm ${EXPORTED}`,
              ),
              {
                mounts: [
                  {
                    type: 'bind',
                    from: 'poetry',
                    source: POETRY_VENV,
                    target: POETRY_VENV,
                  },
                  { type: 'cache', target: '/root/.cache/pip' },
                  bind('pyproject.toml'),
                  bind('poetry.lock'),
                ],
              },
            );

  const withSource = installed
    .comment(
      `No WORKDIR before this COPY: the COPY creates ${APP_DIR} owned by ${USER}, so the app can\nwrite there (\`docker compose watch\` syncs new files into it).`,
    )
    .copy('.', APP_DIR, { chown: `${USER}:${USER}` })
    .workdir(APP_DIR)
    // By number (DL3066): a runtime can tell it is not root without the image's /etc/passwd.
    .user(`${UID}:${UID}`)
    .expose(port);
  const checked = probe
    ? withSource
        .comment(`Slim images have no curl: probe ${describeProbe(probe)} with Python itself.`)
        .healthcheck(pythonProbe(probe, port), HEALTHCHECK_TIMING)
    : withSource;
  return checked
    .comment(
      command[0] === 'gunicorn'
        ? `gunicorn binds 0.0.0.0:$PORT when PORT is set and no bind is configured. Exec form:\ngunicorn is PID 1 and gets docker stop's SIGTERM, then lets requests finish.`
        : `Exec form: the server is PID 1 and gets docker stop's SIGTERM.`,
    )
    .cmd(command);
}

function tag(method: string, what: string, value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.+-]{0,100}$/.test(value)) {
    throw new DockerfileBuildError(
      method,
      `${what} must be a version such as 1.8.5: ${show(value)}`,
    );
  }
  return value;
}
