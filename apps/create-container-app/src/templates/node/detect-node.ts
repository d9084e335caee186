import type { HealthProbe } from '@dockwright/sdk';
import type { NodePlan } from '../../container/container-plan.js';
import { DEFAULTS } from '../../defaults.js';
import type { Detection, DetectOverrides } from '../../detect/detection.js';
import { webProcess } from '../../detect/procfile.js';
import type { ProjectDir } from '../../detect/project-dir.js';
import { shellWords, splitAssignments, usesVariables } from '../../detect/shell-words.js';
import { pickLine } from '../../detect/version-range.js';
import {
  DEFAULT_VERSIONS,
  type NodePackageManagerChoice,
  type NodePackageManagerName,
} from '../../package-managers.js';

interface PackageJson {
  readonly name?: unknown;
  readonly main?: unknown;
  readonly type?: unknown;
  readonly packageManager?: unknown;
  readonly workspaces?: unknown;
  readonly scripts?: Record<string, unknown>;
  readonly engines?: { readonly node?: unknown };
  readonly dependencies?: Record<string, unknown>;
  readonly devDependencies?: Record<string, unknown>;
}

/** Frameworks with a server of their own and an output layout this tool does not know. */
const FRAMEWORKS: Readonly<Record<string, string>> = {
  next: 'Next.js',
  nuxt: 'Nuxt',
  '@remix-run/dev': 'Remix',
  '@sveltejs/kit': 'SvelteKit',
  astro: 'Astro',
  '@angular/core': 'Angular',
  'react-scripts': 'Create React App',
  vite: 'Vite',
  gatsby: 'Gatsby',
};

/** The Node lines tried for `engines.node`, most preferred first (the default, then newer). */
const NODE_LINES = [DEFAULTS.nodeVersion, '24', '20'] as const;

/** Top-level directories a built app commonly reads at run time (templates, static files). */
const RUNTIME_DIRS = ['public', 'views', 'static', 'templates', 'assets'];

const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/**
 * Reads a Node project for `--existing`: the package manager and its version (lockfile,
 * `packageManager`), the Node line (`.nvmrc`, `.node-version`, `engines.node`), the build step
 * (`scripts.build`, TypeScript), the start command (a Procfile's `web:`, `scripts.start`,
 * `main`, a `server.js`/`index.js`/`app.js`), the port (`process.env.PORT || N`, `listen(N)`,
 * the command line), a health route and a SIGTERM handler in the source. `typescript`
 * restricts it to TypeScript projects (node-ts) or to the others (node). Undefined when the
 * directory is not such a project.
 *
 * @example
 * ```ts
 * detectNode(new ProjectDir('/srv/express-hello-world'), overrides, { typescript: false })
 * // { ok: true, plan: { packageManager: { name: 'yarn', … }, entry: 'app.js', port: 3001, … }, found: [...] }
 * ```
 */
export function detectNode(
  dir: ProjectDir,
  overrides: DetectOverrides,
  options: { readonly typescript: boolean; readonly imageName: string },
): Detection | undefined {
  const pkg = dir.json('package.json');
  if (pkg === undefined) return undefined;
  const found: string[] = [];
  if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg)) {
    return {
      ok: false,
      found,
      problem: 'package.json is not a JSON object, so it cannot be read.',
    };
  }
  const manifest = pkg as PackageJson;
  const deps = record(manifest.dependencies);
  const devDeps = record(manifest.devDependencies);
  const scripts = record(manifest.scripts);
  const isTypeScript =
    dir.isFile('tsconfig.json') && ('typescript' in devDeps || 'typescript' in deps);
  if (isTypeScript !== options.typescript) return undefined;
  found.push(`a Node project (package.json${isTypeScript ? ', TypeScript' : ''})`);

  if (manifest.workspaces !== undefined || dir.read('pnpm-workspace.yaml')?.match(/^packages:/m)) {
    return {
      ok: false,
      found,
      problem:
        'This is a workspace root (a monorepo: package.json "workspaces" or pnpm-workspace.yaml "packages"). Run --existing in the directory of the one package to containerise; a package inside a workspace installs from the root lockfile, which is not supported yet.',
    };
  }
  for (const [dependency, framework] of Object.entries(FRAMEWORKS)) {
    if (dependency in deps || dependency in devDeps) {
      if (overrides.start === undefined) {
        return {
          ok: false,
          found: [...found, `${framework} (${dependency})`],
          problem: `${framework} apps build and serve in a way of their own that this tool does not know. Pass --start with the command that serves the built app (and --build, --build-output) to containerise it as a plain Node server.`,
        };
      }
    }
  }

  // Package manager and its version.
  const pm = packageManagerOf(dir, manifest, overrides, found);
  if ('problem' in pm) return { ok: false, found, problem: pm.problem };
  const { choice, lockfile, corepackVersion } = pm;

  // Node line.
  const nodeVersion = nodeVersionOf(dir, manifest, overrides, found);
  if (typeof nodeVersion !== 'string') return { ok: false, found, problem: nodeVersion.problem };

  // Build step.
  let build: NodePlan['build'];
  const buildScript =
    overrides.build === false
      ? undefined
      : (overrides.build ?? (typeof scripts.build === 'string' ? 'build' : undefined));
  if (buildScript !== undefined && typeof scripts[buildScript] !== 'string') {
    return {
      ok: false,
      found,
      problem: `package.json has no "${buildScript}" script to build with. Pass --build with one of its scripts (${Object.keys(scripts).join(', ') || 'none'}), or --no-build.`,
    };
  }
  if (isTypeScript && buildScript === undefined) {
    return {
      ok: false,
      found,
      problem:
        'A TypeScript project without a build script: the image runs compiled JavaScript. Add a "build" script (tsc) to package.json, or pass --build SCRIPT with the one that compiles it.',
    };
  }

  // Start command.
  const start = startCommand(dir, manifest, overrides, found);
  if ('problem' in start) {
    return {
      ok: false,
      found,
      problem: start.problem,
      ...(start.ask
        ? {
            question: {
              key: 'start',
              message: 'The command that starts the server',
              flag: '--start "node server.js"',
              placeholder: 'node server.js',
            },
          }
        : {}),
    };
  }
  const words = start.words;
  if (buildScript !== undefined) {
    const output = overrides.buildOutput ?? buildOutputOf(dir, words);
    if (output === undefined) {
      return {
        ok: false,
        found,
        problem: `Cannot tell where "${buildScript}" writes its output (no outDir in tsconfig.json, and the start command runs no file under a build directory).`,
        question: {
          key: 'buildOutput',
          message: 'The directory the build writes',
          flag: '--build-output dist',
          placeholder: 'dist',
        },
      };
    }
    const runtimeFiles = RUNTIME_DIRS.filter((d) => d !== output && dir.isDir(d));
    build = { script: buildScript, output, runtimeFiles };
    found.push(
      `build: the "${buildScript}" script, output in ${output}/${runtimeFiles.length > 0 ? `; ${runtimeFiles.join(', ')} copied beside it` : ''}`,
    );
  } else {
    // Without a build, the file node runs must be in the project.
    const entry =
      words[0] === 'node' ? words.find((w, i) => i > 0 && !w.startsWith('-')) : undefined;
    if (entry && !dir.isFile(entry) && !dir.isFile(`${entry}.js`)) {
      return {
        ok: false,
        found,
        problem: `The start command runs ${entry}, which is not in the project (a build output?). Pass --build SCRIPT to build it in the image, or --start with the command that starts the server.`,
      };
    }
  }

  // Source: port, health route, SIGTERM handler, listening address.
  const sources = dir
    .sources(SOURCE_EXTENSIONS)
    .filter((f) => !build || !f.startsWith(`${build.output}/`));
  const texts = sources.map((f) => ({ file: f, text: dir.read(f) ?? '' }));
  const localOnly = texts.find((t) =>
    /\.listen\([^)]*,\s*['"](localhost|127\.0\.0\.1)['"]/.test(t.text),
  );
  if (localOnly) {
    return {
      ok: false,
      found,
      problem: `${localOnly.file} listens on ${/['"](localhost|127\.0\.0\.1)['"]/.exec(localOnly.text)?.[1]} only, which cannot be reached from outside a container. Make it listen on all interfaces (0.0.0.0, or leave the host out of listen()).`,
    };
  }
  const port = portOf(texts, words, overrides, found);
  if (port === undefined) {
    return {
      ok: false,
      found,
      problem:
        'Cannot tell which port the server listens on: it reads no PORT variable and names no port.',
      question: {
        key: 'port',
        message: 'The port the server listens on',
        flag: '--port 3000',
        placeholder: '3000',
      },
    };
  }
  const healthcheck = healthOf(texts, overrides, found);
  const handlesSigterm = texts.some((t) => t.text.includes('SIGTERM'));
  const exitOnSigterm = !handlesSigterm && words[0] === 'node';
  if (!handlesSigterm) {
    found.push(
      words[0] === 'node'
        ? 'no SIGTERM handler: the image adds a preload that exits on docker stop'
        : 'no SIGTERM handler in the source',
    );
  }

  const pnp = choice.kind === 'yarn-berry' && pnpOf(dir);
  if (pnp && words[0] !== 'node') {
    return {
      ok: false,
      found,
      problem: `Yarn Plug'n'Play has no node_modules/.bin, so "${words.join(' ')}" cannot start without Yarn. Pass --start with a node command (node path/to/server.js), or use nodeLinker: node-modules.`,
    };
  }
  if (choice.kind === 'yarn-berry')
    found.push(pnp ? "Yarn Plug'n'Play (.pnp.cjs)" : 'Yarn with node_modules');
  const installFiles = [
    '.npmrc',
    ...(choice.kind === 'yarn' ? ['.yarnrc'] : []),
    ...(choice.kind === 'yarn-berry'
      ? ['.yarnrc.yml', '.yarn/releases', '.yarn/plugins', '.yarn/patches']
      : []),
    ...(choice.kind === 'pnpm' ? ['pnpm-workspace.yaml'] : []),
    'patches',
  ].filter((f) => dir.isFile(f) || dir.isDir(f));

  const entry = words[0] === 'node' ? words.slice(1).find((w) => !w.startsWith('-')) : undefined;
  const simpleNode = words[0] === 'node' && words.length === 2 && entry !== undefined;
  const plan: NodePlan = {
    language: 'node',
    imageName: options.imageName,
    port,
    healthcheck,
    nodeVersion,
    packageManager: choice,
    corepackVersion,
    pnp,
    esm: manifest.type === 'module',
    installFiles,
    build,
    entry: simpleNode ? entry : (entry ?? 'server.js'),
    command: simpleNode ? undefined : start.command,
    exitOnSigterm: exitOnSigterm && simpleNode,
  };
  const dependencies = Object.keys({ ...deps, ...devDeps });
  return {
    ok: true,
    plan,
    found,
    missingLockfile: lockfile.exists ? undefined : lockfile.name,
    lockInputs: [
      'package.json',
      ...installFiles.filter((f) => !f.startsWith('.yarn/') && f !== 'patches'),
    ],
    dependencies,
  };
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function packageManagerOf(
  dir: ProjectDir,
  manifest: PackageJson,
  overrides: DetectOverrides,
  found: string[],
):
  | {
      choice: NodePackageManagerChoice;
      lockfile: { name: string; exists: boolean };
      corepackVersion: string | undefined;
    }
  | { problem: string } {
  const field =
    typeof manifest.packageManager === 'string'
      ? /^(npm|pnpm|yarn)@(\d+\.\d+\.\d+[^+]*)/.exec(manifest.packageManager)
      : null;
  const lockfiles = {
    npm: dir.isFile('package-lock.json') || dir.isFile('npm-shrinkwrap.json'),
    pnpm: dir.isFile('pnpm-lock.yaml'),
    yarn: dir.isFile('yarn.lock'),
  };
  if (dir.isFile('bun.lockb') || dir.isFile('bun.lock')) {
    if (!overrides.packageManager) {
      return {
        problem:
          'This project is locked with bun (bun.lockb), which this tool does not support. Pass --package-manager npm, pnpm or yarn to install with one of those instead (it writes its own lockfile).',
      };
    }
  }
  let name: NodePackageManagerName;
  let source: string;
  const override = overrides.packageManager;
  if (override) {
    if (override.name !== 'npm' && override.name !== 'pnpm' && override.name !== 'yarn') {
      return { problem: `--package-manager ${override.name} is not a Node package manager.` };
    }
    name = override.name;
    source = '--package-manager';
  } else if (field) {
    name = field[1] as NodePackageManagerName;
    source = `packageManager ${field[1]}@${field[2]}`;
  } else {
    const locked = (['pnpm', 'yarn', 'npm'] as const).filter((pm) => lockfiles[pm]);
    if (locked.length > 1) {
      return {
        problem: `Several lockfiles (${locked.map((pm) => LOCKFILE_NAMES[pm]).join(', ')}) and no packageManager field: pass --package-manager to say which one the project uses.`,
      };
    }
    name = locked[0] ?? 'npm';
    source = locked[0] ? LOCKFILE_NAMES[name] : 'no lockfile: npm';
  }
  // Yarn 1 and Yarn 2+ share the name and the lockfile's name, not its format.
  const yarnLock = name === 'yarn' ? dir.read('yarn.lock') : undefined;
  const berryLock = yarnLock !== undefined && /^__metadata:/m.test(yarnLock);
  let version = override?.version ?? (field && field[1] === name ? field[2] : undefined);
  let corepackVersion: string | undefined;
  if (version === undefined) {
    // No pin in package.json: pin the release that reads this lockfile on the command line.
    if (name === 'pnpm') {
      const lockVersion = /^lockfileVersion: '?(\d+)/m.exec(dir.read('pnpm-lock.yaml') ?? '')?.[1];
      corepackVersion =
        lockVersion === undefined || Number(lockVersion) >= 9
          ? DEFAULT_VERSIONS.pnpm
          : Number(lockVersion) >= 6
            ? '8.15.9'
            : '7.33.7';
      version = corepackVersion;
    } else if (name === 'yarn') {
      const berry = berryLock || dir.isFile('.yarnrc.yml');
      if (berry) {
        const meta = Number(/^ {2}version: (\d+)/m.exec(yarnLock ?? '')?.[1] ?? 8);
        const yarnPath = /^yarnPath:/m.test(dir.read('.yarnrc.yml') ?? '');
        // A yarnPath runs the release checked in; corepack's default Yarn 1 hands over to it.
        corepackVersion = yarnPath
          ? undefined
          : meta >= 8
            ? DEFAULT_VERSIONS.yarnBerry
            : meta >= 6
              ? '3.8.7'
              : '2.4.3';
        version = corepackVersion ?? '4';
      } else {
        version = DEFAULT_VERSIONS.yarnClassic;
      }
    }
  } else if (/^\d+$/.test(version)) {
    version =
      name === 'pnpm'
        ? DEFAULT_VERSIONS.pnpm
        : Number(version) >= 2
          ? DEFAULT_VERSIONS.yarnBerry
          : DEFAULT_VERSIONS.yarnClassic;
    corepackVersion = field ? undefined : version;
  } else if (!field) {
    corepackVersion = version;
  }
  const kind =
    name === 'npm'
      ? 'npm'
      : name === 'pnpm'
        ? 'pnpm'
        : Number((version ?? '1').split('.')[0]) >= 2
          ? 'yarn-berry'
          : 'yarn';
  const lockName = LOCKFILE_NAMES[name];
  const exists = name === 'npm' ? lockfiles.npm : lockfiles[name];
  if (name === 'yarn' && exists && (kind === 'yarn-berry') !== berryLock) {
    return {
      problem: `yarn.lock is a ${berryLock ? 'Yarn 2+' : 'Yarn 1'} lockfile but the project asks for Yarn ${version}: pass --package-manager yarn@VERSION with the release that wrote it.`,
    };
  }
  found.push(
    `package manager: ${name}${version && name !== 'npm' ? ` ${version}` : ''} (${source})${exists ? `, locked in ${lockName}` : `, no ${lockName} yet: it is created`}`,
  );
  return {
    choice: { name, version: name === 'npm' ? undefined : version, kind },
    lockfile: { name: lockName, exists },
    corepackVersion,
  };
}

const LOCKFILE_NAMES = {
  npm: 'package-lock.json',
  pnpm: 'pnpm-lock.yaml',
  yarn: 'yarn.lock',
} as const;

function nodeVersionOf(
  dir: ProjectDir,
  manifest: PackageJson,
  overrides: DetectOverrides,
  found: string[],
): string | { problem: string } {
  if (overrides.nodeVersion) return overrides.nodeVersion;
  for (const file of ['.nvmrc', '.node-version']) {
    const text = dir.read(file)?.trim();
    const major = text ? /^v?(\d+)/.exec(text)?.[1] : undefined;
    if (major) {
      if (Number(major) < 20) {
        return {
          problem: `${file} asks for Node ${text}, a line past its end of life (20 or newer has images maintained). Pass --node-version 22 to use Node 22.`,
        };
      }
      found.push(`Node ${major} (${file})`);
      return major;
    }
  }
  const engines = manifest.engines?.node;
  if (typeof engines === 'string') {
    const line = pickLine(engines, NODE_LINES);
    if (!line) {
      return {
        problem: `engines.node is "${engines}", which no maintained Node line (${NODE_LINES.join(', ')}) satisfies. Pass --node-version to choose one.`,
      };
    }
    found.push(`Node ${line} (engines.node ${engines})`);
    return line;
  }
  found.push(`Node ${DEFAULTS.nodeVersion} (nothing pins a version)`);
  return DEFAULTS.nodeVersion;
}

/** The start command as exec-form words, with where it came from. */
function startCommand(
  dir: ProjectDir,
  manifest: PackageJson,
  overrides: DetectOverrides,
  found: string[],
): { words: string[]; command: string[] } | { problem: string; ask?: boolean } {
  const scripts = record(manifest.scripts);
  const deps = record(manifest.dependencies);
  const devDeps = record(manifest.devDependencies);
  let line: string | undefined;
  let source: string;
  const procfile = webProcess(dir.read('Procfile'));
  if (overrides.start !== undefined) {
    line = overrides.start;
    source = '--start';
  } else if (procfile) {
    line = procfile;
    source = "the Procfile's web process";
  } else if (typeof scripts.start === 'string') {
    line = scripts.start;
    source = 'scripts.start';
  } else if (typeof manifest.main === 'string' && manifest.main !== '') {
    line = `node ${manifest.main}`;
    source = 'main';
  } else {
    const file = ['server.js', 'index.js', 'app.js', 'main.js'].find((f) => dir.isFile(f));
    if (!file) {
      return {
        problem:
          'Cannot tell how the app starts: no Procfile web process, no scripts.start, no main, no server.js, index.js or app.js.',
        ask: true,
      };
    }
    line = `node ${file}`;
    source = file;
  }
  // `npm start`, `yarn start`, `pnpm run web`: the script it runs (one level).
  for (let depth = 0; depth < 3; depth++) {
    const words = shellWords(line);
    const script = words ? scriptOf(words) : undefined;
    if (!script) break;
    const body = scripts[script];
    if (typeof body !== 'string') {
      return {
        problem: `${source} runs the "${script}" script, which package.json does not have.`,
      };
    }
    line = body;
    source = `${source} → scripts.${script}`;
  }
  const words = shellWords(line);
  if (!words) {
    return {
      problem: `${source} is "${line}", which runs several commands or needs a shell. Pass --start with the one command that starts the server (for example --start "node server.js").`,
      ask: overrides.start === undefined,
    };
  }
  const { assignments, command } = splitAssignments(words);
  const first = command[0];
  if (!first) return { problem: `${source} sets variables but runs no command.` };
  let argv: string[];
  if (first === 'node') {
    argv = command;
  } else if (first in deps) {
    argv = [`node_modules/.bin/${first}`, ...command.slice(1)];
  } else if (first in devDeps) {
    return {
      problem: `${source} runs ${first}, a dev dependency the image does not install (it has production dependencies only). Pass --start with the command for production, for example --start "node server.js".`,
      ask: overrides.start === undefined,
    };
  } else {
    return {
      problem: `${source} runs "${first}", which is neither node nor a dependency of the project. Pass --start with the command that starts the server.`,
      ask: overrides.start === undefined,
    };
  }
  found.push(`start: ${line} (${source})`);
  const full = assignments.length > 0 ? ['env', ...assignments, ...argv] : argv;
  // $PORT and friends need a shell to expand; exec keeps the server as PID 1.
  const exec = usesVariables(full) ? ['sh', '-c', `exec ${line}`] : full;
  return { words: command, command: exec };
}

/** `npm start`, `npm run X`, `yarn X`, `pnpm X` / `pnpm run X`: the script named, else undefined. */
function scriptOf(words: readonly string[]): string | undefined {
  const [tool, a, b] = words;
  if (words.length > 3) return undefined;
  if (tool === 'npm') return a === 'start' && !b ? 'start' : a === 'run' && b ? b : undefined;
  if (tool === 'yarn' || tool === 'pnpm') return a === 'run' ? b : a && !b ? a : undefined;
  return undefined;
}

function buildOutputOf(dir: ProjectDir, words: readonly string[]): string | undefined {
  const tsconfig = dir.read('tsconfig.json');
  const outDir = tsconfig ? /"outDir"\s*:\s*"\.?\/?([^"]+?)\/?"/.exec(tsconfig)?.[1] : undefined;
  if (outDir && !outDir.includes('..')) return outDir;
  const file = words[0] === 'node' ? words.slice(1).find((w) => !w.startsWith('-')) : undefined;
  const top = file?.replace(/^\.\//, '').split('/');
  return top && top.length > 1 ? top[0] : undefined;
}

function portOf(
  texts: readonly { file: string; text: string }[],
  words: readonly string[],
  overrides: DetectOverrides,
  found: string[],
): number | undefined {
  if (overrides.port !== undefined) return overrides.port;
  const flag = words.findIndex((w) => w === '--port' || w === '-p');
  const fromFlag = flag >= 0 ? Number(words[flag + 1]) : Number.NaN;
  if (Number.isInteger(fromFlag) && fromFlag > 0 && fromFlag < 65536) {
    found.push(`port ${fromFlag} (the start command)`);
    return fromFlag;
  }
  const defaults = new Map<number, string>();
  let readsPort: string | undefined;
  for (const { file, text } of texts) {
    for (const m of text.matchAll(/process\.env\.PORT\s*(?:\|\||\?\?)\s*['"]?(\d{2,5})/g)) {
      defaults.set(Number(m[1]), file);
    }
    for (const m of text.matchAll(/\.listen\(\s*['"]?(\d{2,5})['"]?\s*[,)]/g)) {
      defaults.set(Number(m[1]), file);
    }
    if (!readsPort && /process\.env\.PORT\b/.test(text)) readsPort = file;
  }
  if (defaults.size === 1) {
    const [[port, file]] = [...defaults] as [[number, string]];
    found.push(`port ${port} (${file})`);
    return port;
  }
  if (defaults.size > 1) return undefined;
  if (readsPort) {
    found.push(`port ${DEFAULTS.nodePort} (${readsPort} reads PORT, which the image sets)`);
    return DEFAULTS.nodePort;
  }
  return undefined;
}

function healthOf(
  texts: readonly { file: string; text: string }[],
  overrides: DetectOverrides,
  found: string[],
): HealthProbe | false {
  if (overrides.healthcheck !== undefined) return overrides.healthcheck;
  for (const path of ['/healthz', '/health']) {
    const at = texts.find((t) =>
      new RegExp(`\\.(get|all|route|use)\\(\\s*['"\`]${path}['"\`]`).test(t.text),
    );
    if (at) {
      found.push(`health route ${path} (${at.file}): the HEALTHCHECK probes it`);
      return { http: path };
    }
  }
  found.push('no health route: the HEALTHCHECK checks that / answers');
  return { http: '/', answer: true };
}

/** Yarn 2+ links with Plug'n'Play unless .yarnrc.yml says `nodeLinker: node-modules` (or pnpm). */
function pnpOf(dir: ProjectDir): boolean {
  const linker = /^nodeLinker:\s*["']?([\w-]+)/m.exec(dir.read('.yarnrc.yml') ?? '')?.[1];
  return linker === undefined || linker === 'pnp';
}
