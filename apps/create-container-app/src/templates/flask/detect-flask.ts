import type { HealthProbe } from '@dockwright/sdk';
import type { PythonPlan } from '../../container/container-plan.js';
import { DEFAULTS } from '../../defaults.js';
import type { Detection, DetectOverrides } from '../../detect/detection.js';
import { webProcess } from '../../detect/procfile.js';
import type { ProjectDir } from '../../detect/project-dir.js';
import { shellWords, usesVariables } from '../../detect/shell-words.js';
import { pickLine } from '../../detect/version-range.js';
import type { PythonPackageManagerName } from '../../package-managers.js';

/**
 * gunicorn for a project that has no WSGI server: any release from Debian 12's (20.1) to the
 * current line, so the project's own index or mirror decides; the project's lockfile pins
 * everything else.
 */
export const GUNICORN_EXTRA = 'gunicorn>=20.1,<24';

const PYTHON_LINES = [DEFAULTS.pythonVersion, '3.13', '3.11', '3.10'] as const;

interface Manifest {
  readonly pm: PythonPackageManagerName;
  readonly files: readonly string[];
  /** The dependencies it declares (normalised names). */
  readonly dependencies: readonly string[];
  readonly lockfile: { readonly name: string; readonly exists: boolean } | undefined;
  readonly requirements: string;
  readonly installFiles: readonly string[];
  readonly unpinned: boolean;
}

/**
 * Reads a Python web project for `--existing`: how its dependencies are installed
 * (requirements.txt, or pyproject.toml locked by uv.lock or poetry.lock), the WSGI
 * application (`wsgi.py`, a module with `app = Flask(…)`, a package's `create_app()`),
 * gunicorn's config file or a Procfile command (its bind port kept), the Python line
 * (`.python-version`, `runtime.txt`, `requires-python`), a health route. Undefined when the
 * directory has no Python manifest.
 *
 * @example
 * ```ts
 * detectFlask(new ProjectDir('/srv/flask-hello-world'), overrides, { imageName: 'hello' })
 * // { ok: true, plan: { packageManager: 'pip', app: 'app:app', port: 8000, … }, found: [...] }
 * ```
 */
export function detectFlask(
  dir: ProjectDir,
  overrides: DetectOverrides,
  options: { readonly imageName: string },
): Detection | undefined {
  const hasManifest = ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py'].some((f) =>
    dir.isFile(f),
  );
  if (!hasManifest) return undefined;
  const found: string[] = [];

  const manifest = manifestOf(dir, overrides, found);
  if ('problem' in manifest) return { ok: false, found, problem: manifest.problem };
  const deps = new Set(manifest.dependencies);
  const isFlask = deps.has('flask');
  if (!isFlask && overrides.start === undefined && overrides.app === undefined) {
    const known = ['django', 'fastapi', 'starlette', 'aiohttp', 'tornado', 'streamlit'].find((d) =>
      deps.has(d),
    );
    return {
      ok: false,
      found,
      problem: `A Python project without Flask${known ? ` (it uses ${known})` : ''}: this tool knows Flask apps. Pass --start with the command that serves it (for example --start "gunicorn myproject.wsgi"), or --app module:variable for another WSGI app.`,
    };
  }
  if (isFlask) found.push('Flask');

  const pythonVersion = pythonVersionOf(dir, overrides, found);
  if (typeof pythonVersion !== 'string')
    return { ok: false, found, problem: pythonVersion.problem };

  // The command: --start, a Procfile's gunicorn line, gunicorn's config file, or gunicorn
  // serving the WSGI application found in the source.
  const procfile = webProcess(dir.read('Procfile'));
  const procWords = procfile ? shellWords(procfile) : undefined;
  let command: string[] | undefined;
  let app: string | undefined;
  let port: number | undefined;
  let configFile: string | undefined;
  if (overrides.start !== undefined) {
    const words = shellWords(overrides.start);
    if (!words) {
      return {
        ok: false,
        found,
        problem: `--start "${overrides.start}" runs several commands or needs a shell: give the one command that serves the app.`,
      };
    }
    command = usesVariables(words) ? ['sh', '-c', `exec ${overrides.start}`] : words;
    port = bindPort(words);
    found.push(`start: ${overrides.start} (--start)`);
  } else if (procfile && procWords && isGunicorn(procWords)) {
    command = usesVariables(procWords) ? ['sh', '-c', `exec ${procfile}`] : procWords;
    port = bindPort(procWords);
    found.push(`start: ${procfile} (the Procfile's web process)`);
    // gunicorn reads ./gunicorn.conf.py by itself when no -c names another file.
    configFile =
      configFlag(procWords) ?? (dir.isFile('gunicorn.conf.py') ? 'gunicorn.conf.py' : undefined);
  } else {
    if (procfile) {
      found.push(
        `the Procfile's web process (${procfile}) is not gunicorn: the image serves the app with gunicorn instead`,
      );
    }
    app = overrides.app ?? gunicornSetting(dir.read('gunicorn.conf.py'), 'wsgi_app');
    if (app) {
      found.push(`WSGI application ${app} (${overrides.app ? '--app' : 'gunicorn.conf.py'})`);
    } else {
      const candidates = wsgiCandidates(dir);
      if (candidates.length !== 1) {
        return {
          ok: false,
          found,
          problem:
            candidates.length === 0
              ? 'Cannot find the WSGI application: no wsgi.py, no module assigning Flask(...) at its top level, no create_app() factory.'
              : `Several WSGI applications could be the one to serve: ${candidates.map((c) => c.app).join(', ')}.`,
          question: {
            key: 'app',
            message: 'The WSGI application to serve (module:variable or module:factory())',
            flag: '--app app:app',
            placeholder: candidates[0]?.app ?? 'app:app',
          },
        };
      }
      const [candidate] = candidates as [{ app: string; file: string; pythonPath?: string }];
      app = candidate.app;
      found.push(`WSGI application ${app} (${candidate.file})`);
      command = candidate.pythonPath
        ? ['gunicorn', '--pythonpath', candidate.pythonPath, ...gracefulFlags(), app]
        : undefined;
    }
    if (dir.isFile('gunicorn.conf.py')) configFile = 'gunicorn.conf.py';
  }

  if (configFile) {
    const config = dir.read(configFile);
    if (config === undefined) {
      return {
        ok: false,
        found,
        problem: `The gunicorn config file ${configFile} is not in the project.`,
      };
    }
    const bind = gunicornBind(config);
    found.push(
      `gunicorn config ${configFile}${bind ? ` (bind ${bind.text})` : ''}: gunicorn reads it in the image`,
    );
    if (bind?.local) {
      return {
        ok: false,
        found,
        problem: `${configFile} binds ${bind.text}, which cannot be reached from outside a container. Bind 0.0.0.0 there (bind = "0.0.0.0:${bind.port ?? 8000}"), or pass --port to bind 0.0.0.0 on the command line.`,
      };
    }
    port ??= bind?.port;
    if (!command && app) {
      command = ['gunicorn', '--config', configFile, app];
    }
  }

  // --port wins; gunicorn then binds it on the command line (over the config file).
  if (overrides.port !== undefined) {
    if (port !== undefined && port !== overrides.port && command?.[0] === 'gunicorn') {
      command = [
        ...command.slice(0, -1),
        '--bind',
        `0.0.0.0:${overrides.port}`,
        command.at(-1) as string,
      ];
    }
    port = overrides.port;
  }
  port ??= DEFAULTS.flaskPort;
  found.push(`port ${port}`);

  const usesGunicorn = command === undefined || isGunicorn(command) || command[0] === 'sh';
  const extraPackages = usesGunicorn && !deps.has('gunicorn') ? [GUNICORN_EXTRA] : [];
  if (extraPackages.length > 0) {
    found.push(
      `no gunicorn among the dependencies: the image adds ${GUNICORN_EXTRA} (your files stay as they are)`,
    );
  }
  const healthcheck = healthOf(dir, overrides, found);
  const poetryVersion =
    manifest.pm === 'poetry'
      ? /^# This file is automatically @generated by Poetry (\d+\.\d+\.\d+)/.exec(
          dir.read('poetry.lock') ?? '',
        )?.[1]
      : undefined;
  const plan: PythonPlan = {
    language: 'python',
    imageName: options.imageName,
    port,
    healthcheck,
    pythonVersion,
    packageManager: manifest.pm,
    requirements: manifest.requirements,
    installFiles: manifest.installFiles,
    extraPackages,
    command,
    app: app ?? 'app:app',
    poetryVersion,
  };
  return {
    ok: true,
    plan,
    found,
    missingLockfile:
      manifest.lockfile && !manifest.lockfile.exists ? manifest.lockfile.name : undefined,
    lockInputs: manifest.files.filter((f) => dir.isFile(f)),
    dependencies: manifest.dependencies,
  };
}

/** PEP 503: `Flask_Login` and `flask-login` are one package. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function manifestOf(
  dir: ProjectDir,
  overrides: DetectOverrides,
  found: string[],
): Manifest | { problem: string } {
  const pyproject = dir.read('pyproject.toml');
  const hasUvLock = dir.isFile('uv.lock');
  const hasPoetryLock = dir.isFile('poetry.lock');
  const poetryStyle = pyproject !== undefined && /^\[tool\.poetry/m.test(pyproject);
  const requested = overrides.packageManager?.name;
  if (
    requested !== undefined &&
    requested !== 'pip' &&
    requested !== 'uv' &&
    requested !== 'poetry'
  ) {
    return {
      problem: `--package-manager ${requested} is not a Python package manager (pip, uv or poetry).`,
    };
  }
  if (requested === undefined && pyproject === undefined && !dir.isFile('requirements.txt')) {
    return {
      problem: dir.isFile('Pipfile')
        ? 'This project is managed with Pipenv (Pipfile), which this tool does not support. Export its packages with `pipenv requirements > requirements.txt`, then run again.'
        : 'This project has a setup.py but no requirements.txt or pyproject.toml to install from. Write the pinned requirements to requirements.txt (pip freeze), then run again.',
    };
  }
  const pm: PythonPackageManagerName =
    requested ??
    (hasUvLock
      ? 'uv'
      : hasPoetryLock
        ? 'poetry'
        : dir.isFile('requirements.txt')
          ? 'pip'
          : poetryStyle
            ? 'poetry'
            : 'uv');
  if (pm === 'pip') {
    if (!dir.isFile('requirements.txt')) {
      return {
        problem: dir.isFile('Pipfile')
          ? 'This project is managed with Pipenv (Pipfile), which this tool does not support. Export its packages with `pipenv requirements > requirements.txt`, then run again.'
          : 'pip installs from requirements.txt, which this project does not have.',
      };
    }
    const read = readRequirements(dir, 'requirements.txt', new Set());
    if ('problem' in read) return read;
    found.push(
      `dependencies: requirements.txt${read.includes.length > 0 ? ` (with ${read.includes.join(', ')})` : ''}, installed with pip${read.unpinned ? '; some are not pinned to a version, so builds may differ over time' : ''}`,
    );
    return {
      pm,
      files: ['requirements.txt', ...read.includes],
      dependencies: read.names,
      lockfile: undefined,
      requirements: 'requirements.txt',
      installFiles: read.includes,
      unpinned: read.unpinned,
    };
  }
  if (pyproject === undefined) {
    return {
      problem: `--package-manager ${pm} installs from pyproject.toml, which this project does not have.`,
    };
  }
  const lockName = pm === 'uv' ? 'uv.lock' : 'poetry.lock';
  const names = pyprojectDependencies(pyproject);
  const exists = dir.isFile(lockName);
  found.push(
    `dependencies: pyproject.toml${exists ? ` locked in ${lockName}` : `, no ${lockName} yet: it is created with ${pm}`}, installed with ${pm}`,
  );
  return {
    pm,
    files: [
      'pyproject.toml',
      ...(pm === 'uv' && dir.isFile('.python-version') ? ['.python-version'] : []),
    ],
    dependencies: names,
    lockfile: { name: lockName, exists },
    requirements: 'requirements.txt',
    installFiles: [],
    unpinned: false,
  };
}

/** Requirement names of a requirements file and the files it includes (`-r`, `-c`). */
function readRequirements(
  dir: ProjectDir,
  file: string,
  seen: Set<string>,
): { names: string[]; includes: string[]; unpinned: boolean } | { problem: string } {
  seen.add(file);
  const text = dir.read(file);
  if (text === undefined)
    return { problem: `${file} is named by a requirements file but is not in the project.` };
  const names: string[] = [];
  const includes: string[] = [];
  let unpinned = false;
  const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const include = /^(?:-r|--requirement|-c|--constraint)\s*=?\s*(\S+)$/.exec(line);
    if (include) {
      const path = `${base}${include[1]}`.replace(/^\.\//, '');
      if (path.includes('..') || path.startsWith('/')) {
        return { problem: `${file} includes ${include[1]}, outside the project.` };
      }
      if (!seen.has(path)) {
        const nested = readRequirements(dir, path, seen);
        if ('problem' in nested) return nested;
        includes.push(path, ...nested.includes);
        if (!line.startsWith('-c') && !line.startsWith('--constraint')) names.push(...nested.names);
        unpinned ||= nested.unpinned;
      }
      continue;
    }
    if (/^(-e|--editable)\b/.test(line) || /^(\.|\/|file:)/.test(line)) {
      return {
        problem: `${file} installs a local path (${line}), which needs the source before the dependencies. List the packages it needs instead, or pass --start and edit the Dockerfile by hand.`,
      };
    }
    if (line.startsWith('-')) continue; // --index-url, --extra-index-url, --hash, …
    const name = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line)?.[1];
    if (name) {
      names.push(normalize(name));
      if (!/==/.test(line) && !/@/.test(line)) unpinned = true;
    }
  }
  return { names, includes, unpinned };
}

/** Dependency names of pyproject.toml: `[project] dependencies` and Poetry's main group. */
export function pyprojectDependencies(text: string): string[] {
  const names: string[] = [];
  const project = table(text, 'project');
  const list = project ? /^dependencies\s*=\s*\[([\s\S]*?)\]/m.exec(project)?.[1] : undefined;
  for (const m of (list ?? '').matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)/g)) {
    names.push(normalize(m[1] ?? ''));
  }
  const poetry = table(text, 'tool.poetry.dependencies');
  for (const m of (poetry ?? '').matchAll(/^["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=/gm)) {
    const name = normalize(m[1] ?? '');
    if (name !== 'python') names.push(name);
  }
  return names;
}

/** The body of a TOML table `[name]`, up to the next table header. */
function table(text: string, name: string): string | undefined {
  const header = new RegExp(`^\\[${name.replace(/\./g, '\\.')}\\]\\s*$`, 'm').exec(text);
  if (!header) return undefined;
  const rest = text.slice(header.index + header[0].length);
  const next = /^\[/m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

function pythonVersionOf(
  dir: ProjectDir,
  overrides: DetectOverrides,
  found: string[],
): string | { problem: string } {
  if (overrides.pythonVersion) return overrides.pythonVersion;
  const pinned = dir.read('.python-version')?.trim().split(/\s+/)[0];
  const runtime = /python-(\d+\.\d+)/.exec(dir.read('runtime.txt') ?? '')?.[1];
  for (const [value, source] of [
    [pinned, '.python-version'],
    [runtime, 'runtime.txt'],
  ] as const) {
    const minor = value ? /^(3\.\d+)/.exec(value)?.[1] : undefined;
    if (minor) {
      found.push(`Python ${minor} (${source})`);
      return minor;
    }
  }
  const pyproject = dir.read('pyproject.toml') ?? '';
  const requires =
    /^requires-python\s*=\s*["']([^"']+)["']/m.exec(table(pyproject, 'project') ?? '')?.[1] ??
    /^python\s*=\s*["']([^"']+)["']/m.exec(table(pyproject, 'tool.poetry.dependencies') ?? '')?.[1];
  if (requires) {
    const line = pickLine(requires, PYTHON_LINES);
    if (!line) {
      return {
        problem: `The project requires Python ${requires}, which none of ${PYTHON_LINES.join(', ')} satisfies. Pass --python-version to choose the image's.`,
      };
    }
    found.push(`Python ${line} (requires ${requires})`);
    return line;
  }
  found.push(`Python ${DEFAULTS.pythonVersion} (nothing pins a version)`);
  return DEFAULTS.pythonVersion;
}

function isGunicorn(words: readonly string[]): boolean {
  return (
    words[0] === 'gunicorn' ||
    (words[0]?.startsWith('python') === true && words[1] === '-m' && words[2] === 'gunicorn')
  );
}

/** `-b`/`--bind` of a gunicorn command line: the port, when it is a number. */
function bindPort(words: readonly string[]): number | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const value =
      word === '-b' || word === '--bind' ? words[i + 1] : /^--bind=(.+)$/.exec(word)?.[1];
    const port = value ? /:(\d{1,5})$/.exec(value)?.[1] : undefined;
    if (port) return Number(port);
  }
  return undefined;
}

/** `-c`/`--config` of a gunicorn command line, when it names a file of the project. */
function configFlag(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const value =
      word === '-c' || word === '--config' ? words[i + 1] : /^--config=(.+)$/.exec(word)?.[1];
    if (value && !value.startsWith('python:')) return value.replace(/^\.\//, '');
  }
  return undefined;
}

/** A string setting of a gunicorn config file (`wsgi_app = "app:app"`). */
function gunicornSetting(config: string | undefined, name: string): string | undefined {
  return config
    ? new RegExp(`^${name}\\s*=\\s*["']([^"']+)["']`, 'm').exec(config)?.[1]
    : undefined;
}

/** The `bind` of a gunicorn config file: a literal address, or one built from PORT with a default. */
function gunicornBind(
  config: string,
): { text: string; port: number | undefined; local: boolean } | undefined {
  const line = /^bind\s*=\s*(.+)$/m.exec(config)?.[1]?.trim();
  if (!line) return undefined;
  const literal = /["']([^"']*):(\d{1,5})["']/.exec(line);
  const fromEnv = /PORT["']\s*(?:,\s*["']?(\d{1,5}))?/.exec(line);
  const port = literal ? Number(literal[2]) : fromEnv?.[1] ? Number(fromEnv[1]) : undefined;
  const host = literal?.[1] ?? /["']([^"':{]*):/.exec(line)?.[1] ?? '';
  return { text: line, port, local: host === '127.0.0.1' || host === 'localhost' };
}

function gracefulFlags(): string[] {
  return ['--graceful-timeout', String(DEFAULTS.gracefulTimeout), '--worker-tmp-dir', '/dev/shm'];
}

/** WSGI applications in the source, most likely first. */
function wsgiCandidates(dir: ProjectDir): { app: string; file: string; pythonPath?: string }[] {
  const files = dir
    .sources(['.py'])
    .filter(
      (f) => !/(^|\/)(tests?|migrations|docs)\//.test(f) && !/(^|\/)(test_|conftest)/.test(f),
    );
  const wsgi: { app: string; file: string; pythonPath?: string }[] = [];
  const apps: typeof wsgi = [];
  const factories: typeof wsgi = [];
  for (const file of files) {
    const text = dir.read(file) ?? '';
    const inSrc = file.startsWith('src/');
    const module = (inSrc ? file.slice(4) : file)
      .replace(/\.py$/, '')
      .replace(/\/__init__$/, '')
      .replace(/\//g, '.');
    if (!/^[A-Za-z_][\w.]*$/.test(module)) continue;
    const where = { file, ...(inSrc ? { pythonPath: 'src' } : {}) };
    // `app = …`, `application = create_app()`, or `from x import app` / `… as application`.
    const variable =
      /^(app|application)\s*=/m.exec(text)?.[1] ??
      /^from\s+[\w.]+\s+import\s+.*?\b(?:\w+\s+as\s+)?(application|app)\b/m.exec(text)?.[1];
    if (/(^|\.)wsgi$/.test(module) && variable) {
      wsgi.push({ app: `${module}:${variable}`, ...where });
      continue;
    }
    const flask = /^([A-Za-z_]\w*)\s*=\s*Flask\(/m.exec(text)?.[1];
    if (flask) apps.push({ app: `${module}:${flask}`, ...where });
    if (/^def create_app\(/m.test(text))
      factories.push({ app: `${module}:create_app()`, ...where });
  }
  if (wsgi.length > 0) return wsgi;
  if (apps.length > 0) {
    // app.py's app when there is one; else every module with one.
    const main = apps.filter((a) => /^(src\/)?(app|main|server)\.py$/.test(a.file));
    return main.length === 1 ? main : apps;
  }
  return factories;
}

function healthOf(
  dir: ProjectDir,
  overrides: DetectOverrides,
  found: string[],
): HealthProbe | false {
  if (overrides.healthcheck !== undefined) return overrides.healthcheck;
  const files = dir.sources(['.py']);
  for (const path of ['/healthz', '/health']) {
    const route = new RegExp(`\\.(route|get|add_url_rule)\\(\\s*["']${path}["']`);
    const at = files.find((f) => route.test(dir.read(f) ?? ''));
    if (at) {
      found.push(`health route ${path} (${at}): the HEALTHCHECK probes it`);
      return { http: path };
    }
  }
  found.push('no health route: the HEALTHCHECK checks that / answers');
  return { http: '/', answer: true };
}
