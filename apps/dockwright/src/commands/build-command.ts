import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type BuildOptions,
  build,
  type DockerfileInput,
  type SecretSpec,
  type SshSpec,
} from '@dockwright/build';
import { CliError } from '@dockwright/cli-kit';
import type { Io } from '../io.js';
import { nameValuePairs } from '../name-value-pairs.js';
import {
  buildFailure,
  ENGINE_HELP,
  engineOptions,
  interruptible,
  loadScript,
  progressMode,
  progressPrinter,
  SCRIPT,
} from './build-script.js';

export const BUILD_HELP = `Usage: dockwright build [options] [Dockerfile|script]

Builds a Dockerfile, or the Dockerfile a build script's default export makes (an
@dockwright/sdk builder, an @dockwright/ast tree or text, or a function returning one), with
BuildKit: docker buildx when it is installed, else the engine's built-in BuildKit. The
Dockerfile goes to the engine on stdin. Prints the image id (and, with --push, each pushed
tag@digest) on stdout; progress goes to stderr. Default: ./Dockerfile.

Options:
  -c, --context <dir|url>  the build context (default: .)
  -t, --tag <name>         tag the image (repeatable)
  --target <stage>         build this stage
  --build-arg <k=v>        a build argument; k alone takes the value from the environment
  --platform <p>           linux/amd64,linux/arm64… (repeatable; several need buildx)
  --label <k=v>            an image label (repeatable)
  --cache-from <spec>      cache source: an image, or type=registry,ref=… (buildx)
  --cache-to <spec>        cache export: type=inline, or any buildx cache backend
  --secret <spec>          id=ID,src=FILE or id=ID,env=VAR (repeatable)
  --ssh <spec>             default, or ID=PATH[,PATH] (repeatable)
  --push                   push every tag once built
  --builder <name>         a buildx builder (remote BuildKit included)
  --no-cache               do not use the build cache
  --pull                   always pull base images
  --progress <mode>        auto | tty | plain | quiet (default auto: tty on a terminal, plain in CI)
${ENGINE_HELP}

Exit codes: 0 built, 1 the build failed (file:line:column of the failing instruction, with its
lines and the step's last output), 2 usage or read error, 130 interrupted.
`;

/** docker build's `--secret` keys. */
const SECRET_KEYS = new Set(['id', 'src', 'source', 'env', 'type']);

function secretSpec(v: string): SecretSpec {
  const fields: Record<string, string> = {};
  for (const f of v.split(',')) {
    const eq = f.indexOf('=');
    // A path with a comma would be split here: refuse the spec rather than read another file.
    if (eq === -1 || !SECRET_KEYS.has(f.slice(0, eq))) {
      throw new CliError(
        `--secret field ${JSON.stringify(f)}: write id=ID,src=FILE or id=ID,env=VAR (no comma in the path)`,
      );
    }
    fields[f.slice(0, eq)] = f.slice(eq + 1);
  }
  if (fields.type !== undefined && fields.type !== 'file' && fields.type !== 'env') {
    throw new CliError(`--secret type ${JSON.stringify(fields.type)}: use file or env`);
  }
  const id = fields.id;
  if (!id)
    throw new CliError(
      `--secret needs an id: id=ID,src=FILE or id=ID,env=VAR, not ${JSON.stringify(v)}`,
    );
  const src = fields.src ?? fields.source;
  // With type=env, src names the variable (as docker reads it).
  if (src !== undefined && fields.type !== 'env') return { id, src };
  return { id, env: fields.env ?? src ?? id };
}

function sshSpec(v: string): SshSpec {
  if (v === 'default') return 'default';
  const eq = v.indexOf('=');
  return eq === -1 ? { id: v } : { id: v.slice(0, eq), paths: v.slice(eq + 1).split(',') };
}

export async function buildCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      context: { type: 'string', short: 'c' },
      tag: { type: 'string', short: 't', multiple: true },
      target: { type: 'string' },
      'build-arg': { type: 'string', multiple: true },
      platform: { type: 'string', multiple: true },
      label: { type: 'string', multiple: true },
      'cache-from': { type: 'string', multiple: true },
      'cache-to': { type: 'string', multiple: true },
      secret: { type: 'string', multiple: true },
      ssh: { type: 'string', multiple: true },
      push: { type: 'boolean' },
      builder: { type: 'string' },
      'no-cache': { type: 'boolean' },
      pull: { type: 'boolean' },
      progress: { type: 'string' },
      docker: { type: 'string' },
      host: { type: 'string', short: 'H' },
      'docker-context': { type: 'string' },
      engine: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(BUILD_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new CliError('build takes one Dockerfile or build script (see dockwright build --help)');
  const file = positionals[0] ?? 'Dockerfile';
  const mode = progressMode(values.progress, io.env);

  // 1. The Dockerfile, and options the script's export may carry.
  let dockerfile: DockerfileInput;
  let fromScript: Partial<BuildOptions> = {};
  let shown = file;
  if (SCRIPT.test(file)) {
    const value = await loadScript(file, io.cwd);
    if (typeof value === 'object' && value !== null && 'dockerfile' in value) {
      const { dockerfile: d, ...rest } = value as {
        dockerfile: DockerfileInput;
      } & Partial<BuildOptions>;
      dockerfile = d;
      fromScript = rest;
    } else dockerfile = value as DockerfileInput;
    shown = `${file} (Dockerfile)`;
  } else {
    const path = resolve(io.cwd, file);
    if (!existsSync(path)) {
      throw new CliError(
        positionals.length === 0
          ? 'no ./Dockerfile (see dockwright build --help)'
          : `${file}: cannot read: no such file`,
      );
    }
    try {
      dockerfile = readFileSync(path, 'utf8');
    } catch (error) {
      throw new CliError(`${file}: cannot read: ${(error as Error).message}`, 2, { cause: error });
    }
  }

  // 2. Options: the command line wins over the script.
  const buildArgs = {
    ...fromScript.buildArgs,
    ...nameValuePairs(values['build-arg'], '--build-arg', io.env),
  };
  const labels = { ...fromScript.labels, ...nameValuePairs(values.label, '--label') };
  const options: BuildOptions = {
    ...fromScript,
    context: values.context ?? fromScript.context ?? '.',
    cwd: io.cwd,
    file: shown,
    engine: { ...fromScript.engine, ...engineOptions(values, io.env) },
    ...(values.tag ? { tags: values.tag } : {}),
    ...(values.target !== undefined ? { target: values.target } : {}),
    ...(Object.keys(buildArgs).length > 0 ? { buildArgs } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(values.platform ? { platforms: values.platform.flatMap((p) => p.split(',')) } : {}),
    ...(values['cache-from'] ? { cacheFrom: values['cache-from'] } : {}),
    ...(values['cache-to'] ? { cacheTo: values['cache-to'] } : {}),
    ...(values.secret ? { secrets: values.secret.map(secretSpec) } : {}),
    ...(values.ssh ? { ssh: values.ssh.map(sshSpec) } : {}),
    ...(values.push ? { push: true } : {}),
    ...(values.builder !== undefined ? { builder: values.builder } : {}),
    ...(values['no-cache'] ? { noCache: true } : {}),
    ...(values.pull ? { pull: true } : {}),
  };

  // 3. Build; Ctrl-C cancels the build in the engine.
  const printer = progressPrinter(mode, io);
  try {
    const result = await interruptible((signal) =>
      build(dockerfile, { ...options, signal, onProgress: printer.onProgress }),
    );
    printer.done();
    io.out(`${result.imageId ?? ''}\n`);
    for (const p of result.pushed) io.out(`${p.tag}@${p.digest}\n`);
    if (mode !== 'quiet') {
      const steps = result.steps.filter((s) => s.source);
      const cached = steps.filter((s) => s.cached).length;
      io.err(
        `built ${result.imageId ?? '(no image id)'} in ${(result.durationMs / 1000).toFixed(1)}s with ${result.engine === 'buildx' ? 'docker buildx' : "the engine's built-in BuildKit"} (${steps.length} steps, ${cached} cached)\n`,
      );
    }
    return 0;
  } catch (error) {
    printer.done();
    return buildFailure(error, io);
  }
}
