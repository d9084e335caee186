import { BuildOptionsError } from './build-error.js';
import type { BuildOptions, CacheSpec, EngineKind, SecretSpec, SshSpec } from './types.js';

/** Where the client writes what the build made. */
export interface OutputFiles {
  readonly iidfile: string;
  /** buildx only: `--metadata-file` (the pushed digest). */
  readonly metadataFile: string;
}

export interface ClientInvocation {
  /** The arguments after the client's global flags. */
  readonly args: readonly string[];
  /** Variables the client needs: DOCKER_BUILDKIT, and secrets given by value. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * The `docker buildx build` or `DOCKER_BUILDKIT=1 docker build` command line for a build
 * whose Dockerfile comes on stdin. Throws a {@link BuildOptionsError} for what the built-in
 * BuildKit client cannot do (several platforms, cache exports other than inline, a builder).
 *
 * @example
 * ```ts
 * buildArguments('docker', { context: '.', tags: ['app:1'], target: 'runtime' }, files).args
 * // ['build', '--progress=plain', '--iidfile', '/tmp/…/iid', '-t', 'app:1', '--target', 'runtime', '-f', '-', '--', '.']
 * ```
 */
export function buildArguments(
  kind: EngineKind,
  options: BuildOptions,
  files: OutputFiles,
): ClientInvocation {
  const buildx = kind === 'buildx';
  const args: string[] = buildx ? ['buildx', 'build'] : ['build'];
  const env: Record<string, string> = buildx ? {} : { DOCKER_BUILDKIT: '1' };
  args.push('--progress=plain', '--iidfile', files.iidfile);
  const needsBuildx = (what: string) => {
    if (!buildx) {
      throw new BuildOptionsError(
        `${what} needs docker buildx, which this docker client does not have (the engine's built-in BuildKit is used)`,
      );
    }
  };
  if (options.push && !options.tags?.length) {
    throw new BuildOptionsError('push needs at least one tag');
  }
  if (buildx) {
    args.push('--metadata-file', files.metadataFile);
    if (options.builder !== undefined) args.push('--builder', options.builder);
    const platforms = options.platforms?.length ?? 0;
    // The docker driver loads by itself; other drivers keep the result in the builder unless asked.
    if (options.push) args.push('--push');
    else if (platforms <= 1) args.push('--load');
  } else if (options.builder !== undefined)
    needsBuildx(`builder ${JSON.stringify(options.builder)}`);
  for (const tag of options.tags ?? []) args.push('-t', tag);
  if (options.target !== undefined) args.push('--target', options.target);
  for (const [name, value] of Object.entries(options.buildArgs ?? {})) {
    if (value !== undefined) args.push('--build-arg', `${name}=${value}`);
  }
  for (const [name, value] of Object.entries(options.labels ?? {})) {
    // The client splits `name=value` at the first `=`.
    if (name === '' || name.includes('=')) {
      throw new BuildOptionsError(
        `label name ${JSON.stringify(name)}: it cannot be empty or hold '='`,
      );
    }
    args.push('--label', `${name}=${value}`);
  }
  for (const platform of options.platforms ?? []) {
    // One platform each: the client splits the flag's value at commas.
    if (!PLATFORM.test(platform)) {
      throw new BuildOptionsError(
        `platform ${JSON.stringify(platform)}: write os[/arch[/variant]], one platform per entry`,
      );
    }
  }
  if (options.platforms && options.platforms.length > 0) {
    if (options.platforms.length > 1)
      needsBuildx(`building for ${options.platforms.length} platforms`);
    args.push('--platform', options.platforms.join(','));
  }
  for (const spec of options.cacheFrom ?? []) {
    args.push('--cache-from', buildx ? cacheCsv(spec) : classicCacheFrom(spec));
  }
  for (const spec of options.cacheTo ?? []) {
    if (buildx) args.push('--cache-to', cacheCsv(spec));
    else if (cacheType(spec) === 'inline') args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
    else needsBuildx(`cache export ${JSON.stringify(cacheCsv(spec))}`);
  }
  let secretN = 0;
  for (const secret of options.secrets ?? []) {
    const [arg, value] = secretArg(secret, `DOCKWRIGHT_BUILD_SECRET_${secretN++}`);
    args.push('--secret', arg);
    if (value) env[value.name] = value.value;
  }
  for (const ssh of options.ssh ?? []) args.push('--ssh', sshArg(ssh));
  if (options.noCache) args.push('--no-cache');
  if (options.pull) args.push('--pull');
  // The Dockerfile comes on stdin; with no context, stdin is the whole context (`docker build -`).
  // `--` ends the flags: a context that starts with a dash is still a path.
  if (options.context === undefined) args.push('--', '-');
  else args.push('-f', '-', '--', options.context);
  return { args, env };
}

/** `linux`, `linux/arm64`, `linux/arm/v7`, `local`: what a `--platform` entry may be. */
const PLATFORM = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.-]+){0,2}$/;
/** Secret and SSH ids. */
const ID = /^[A-Za-z0-9._-]+$/;

function cacheType(spec: CacheSpec): string {
  if (typeof spec !== 'string') return spec.type;
  const m = /(?:^|,)type=([^,]*)/.exec(spec);
  return m ? m[1]! : 'registry';
}

/** A cache spec as buildx's CSV: `type=registry,ref=…`. */
export function cacheCsv(spec: CacheSpec): string {
  if (typeof spec === 'string') return spec;
  return Object.entries(spec)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => csvField(`${k}=${v}`))
    .join(',');
}

/** Docker 20.10's `--cache-from` takes image references (their inline cache). */
function classicCacheFrom(spec: CacheSpec): string {
  if (typeof spec === 'string' && !spec.includes('=')) return spec;
  const type = cacheType(spec);
  const ref = typeof spec === 'string' ? /(?:^|,)ref=([^,]*)/.exec(spec)?.[1] : spec.ref;
  if (type !== 'registry' || !ref) {
    throw new BuildOptionsError(
      `cache import ${JSON.stringify(cacheCsv(spec))} needs docker buildx; the built-in BuildKit takes image references only`,
    );
  }
  return ref;
}

/** Quotes a CSV field as Go's encoding/csv reads it (buildx parses these flags with it). */
function csvField(field: string): string {
  return /[",\r\n]/.test(field) || field.trim() !== field
    ? `"${field.replaceAll('"', '""')}"`
    : field;
}

export function secretArg(
  secret: SecretSpec,
  envName: string,
): [string, { name: string; value: string } | null] {
  if (!ID.test(secret.id)) {
    throw new BuildOptionsError(
      `secret id ${JSON.stringify(secret.id)}: use letters, digits, '.', '_' and '-'`,
    );
  }
  if ('src' in secret) return [`id=${secret.id},${csvField(`src=${secret.src}`)}`, null];
  if ('env' in secret) return [`id=${secret.id},${csvField(`env=${secret.env}`)}`, null];
  return [`id=${secret.id},env=${envName}`, { name: envName, value: secret.value }];
}

/** `--ssh id=path,path` is split at `=` and commas, not read as CSV: refuse what it cannot say. */
export function sshArg(ssh: SshSpec): string {
  if (ssh === 'default') return 'default';
  if (!ID.test(ssh.id)) {
    throw new BuildOptionsError(
      `ssh id ${JSON.stringify(ssh.id)}: use letters, digits, '.', '_' and '-'`,
    );
  }
  for (const path of ssh.paths ?? []) {
    if (path === '' || path.includes(',')) {
      throw new BuildOptionsError(
        `ssh key path ${JSON.stringify(path)}: the client cannot take an empty path or one with a comma`,
      );
    }
  }
  return ssh.paths && ssh.paths.length > 0 ? `${ssh.id}=${ssh.paths.join(',')}` : ssh.id;
}
