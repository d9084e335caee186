import { cacheCsv, secretArg, sshArg } from './build-arguments.js';
import { BuildOptionsError } from './build-error.js';
import { resolveDockerfile } from './dockerfile-input.js';
import { splitCsv } from './image-references.js';
import type {
  ArgOf,
  BuildArgs,
  CacheSpec,
  DockerfileInput,
  SecretSpec,
  SshSpec,
  TargetOf,
} from './types.js';

/** One image of a bake file: a Dockerfile and how to build it. */
export interface BakeTarget<D extends DockerfileInput = DockerfileInput> {
  /** Written inline (`dockerfile-inline`): no file to keep next to the bake file. */
  readonly dockerfile: D;
  /** A directory or URL; bake's default is `.`, the directory bake runs in. */
  readonly context?: string;
  readonly tags?: readonly string[];
  readonly target?: TargetOf<D>;
  readonly args?: BuildArgs<ArgOf<D>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly platforms?: readonly string[];
  readonly cacheFrom?: readonly CacheSpec[];
  readonly cacheTo?: readonly CacheSpec[];
  /** Files or environment variables only: a bake file must not hold a secret's value. */
  readonly secrets?: readonly Exclude<SecretSpec, { value: string }>[];
  readonly ssh?: readonly SshSpec[];
  /** Push the tags (`output: ["type=registry"]`). */
  readonly push?: boolean;
  readonly noCache?: boolean;
  readonly pull?: boolean;
  readonly description?: string;
}

/** A target of the bake file as JSON (the attributes `docker buildx bake --print` writes). */
export interface BakeFileTarget {
  readonly description?: string;
  readonly context?: string;
  readonly dockerfile?: string;
  readonly 'dockerfile-inline'?: string;
  readonly tags?: readonly string[];
  readonly target?: string;
  readonly args?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly platforms?: readonly string[];
  readonly 'cache-from'?: readonly string[];
  readonly 'cache-to'?: readonly string[];
  readonly secret?: readonly string[];
  readonly ssh?: readonly string[];
  readonly output?: readonly string[];
  readonly 'no-cache'?: boolean;
  readonly pull?: boolean;
}

/** A `docker-bake.json`: groups of targets, and the targets. */
export interface BakeFile {
  readonly group: Readonly<Record<string, { readonly targets: readonly string[] }>>;
  readonly target: Readonly<Record<string, BakeFileTarget>>;
}

/** Bake's target and group names (buildx's `validTargetNameChars`). */
const NAME = /^[a-zA-Z0-9_-]+$/;

/**
 * Bake reads JSON strings as HCL templates: `${…}` and `%{…}` would be interpolated. `$${` and
 * `%%{` are their escapes (what `docker buildx bake --print` writes), so a Dockerfile's
 * `${NODE_VERSION}` reaches the build as written.
 */
function esc(value: string): string {
  // A function replacement: in a replacement string `$$` would mean one `$`.
  return value.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');
}

function unesc(value: string): string {
  return value.replaceAll('$${', () => '${').replaceAll('%%{', () => '%{');
}

/**
 * A `docker-bake.json` for many Dockerfiles, so `docker buildx bake` builds them in parallel
 * (on remote builders too). Each Dockerfile is written inline; `groups` name sets of targets,
 * and the `default` group is every target unless given.
 *
 * @example
 * ```ts
 * JSON.stringify(bake({ api: { dockerfile: api, context: 'api', tags: ['org/api:1'] } }))
 * // {"group":{"default":{"targets":["api"]}},"target":{"api":{"context":"api","dockerfile-inline":"FROM …","tags":["org/api:1"]}}}
 * ```
 */
export function bake<const T extends Record<string, BakeTarget>>(
  targets: { readonly [K in keyof T]: BakeTarget<T[K]['dockerfile']> & T[K] },
  options: { readonly groups?: Readonly<Record<string, readonly (keyof T & string)[]>> } = {},
): BakeFile {
  const target: Record<string, BakeFileTarget> = {};
  for (const [name, t] of Object.entries(targets) as [string, BakeTarget][]) {
    if (!NAME.test(name)) {
      throw new BuildOptionsError(
        `bake target name ${JSON.stringify(name)}: use letters, digits, '_' and '-'`,
      );
    }
    target[name] = bakeTarget(name, t);
  }
  const group: Record<string, { targets: string[] }> = {};
  for (const [name, members] of Object.entries(options.groups ?? {})) {
    if (!NAME.test(name)) {
      throw new BuildOptionsError(
        `bake group name ${JSON.stringify(name)}: use letters, digits, '_' and '-'`,
      );
    }
    for (const m of members) {
      if (!(m in target))
        throw new BuildOptionsError(`bake group ${name} names no target ${JSON.stringify(m)}`);
    }
    group[name] = { targets: [...members] };
  }
  group.default ??= { targets: Object.keys(target) };
  return { group, target };
}

function bakeTarget(name: string, t: BakeTarget): BakeFileTarget {
  const out: Record<string, unknown> = {};
  const list = (values: readonly string[] | undefined) => values?.map(esc);
  const map = (values: Readonly<Record<string, string | undefined>> | undefined) =>
    values &&
    Object.fromEntries(
      Object.entries(values)
        .filter((e): e is [string, string] => e[1] !== undefined)
        // Bake reads the keys of a JSON object as templates too.
        .map(([k, v]) => [esc(k), esc(v)]),
    );
  if (t.description !== undefined) out.description = esc(t.description);
  if (t.context !== undefined) out.context = esc(t.context);
  out['dockerfile-inline'] = esc(resolveDockerfile(t.dockerfile).text);
  if (t.tags?.length) out.tags = list(t.tags);
  if (t.target !== undefined) out.target = esc(t.target);
  if (t.args && Object.keys(t.args).length > 0) out.args = map(t.args);
  if (t.labels && Object.keys(t.labels).length > 0) out.labels = map(t.labels);
  if (t.platforms?.length) out.platforms = list(t.platforms);
  if (t.cacheFrom?.length) out['cache-from'] = list(t.cacheFrom.map(cacheCsv));
  if (t.cacheTo?.length) out['cache-to'] = list(t.cacheTo.map(cacheCsv));
  if (t.secrets?.length) {
    out.secret = list(
      t.secrets.map((s) => {
        if ('value' in s) {
          throw new BuildOptionsError(
            `bake target ${name}: secret ${s.id} has a value; a bake file takes files (src) or environment variables (env) only`,
          );
        }
        return secretArg(s, '')[0];
      }),
    );
  }
  if (t.ssh?.length) out.ssh = list(t.ssh.map(sshArg));
  if (t.push) out.output = ['type=registry'];
  if (t.noCache) out['no-cache'] = true;
  if (t.pull) out.pull = true;
  return out as BakeFileTarget;
}

/** The targets a bake run builds: the named targets and groups, else the `default` group. */
export function bakeTargets(file: BakeFile, names: readonly string[] = []): string[] {
  const out: string[] = [];
  const visit = (name: string, seen: Set<string>) => {
    if (file.target[name]) {
      if (!out.includes(name)) out.push(name);
      return;
    }
    const group = file.group[name];
    if (!group)
      throw new BuildOptionsError(`the bake file has no target or group ${JSON.stringify(name)}`);
    if (seen.has(name)) return;
    seen.add(name);
    for (const t of group.targets) visit(t, seen);
  };
  for (const name of names.length > 0 ? names : ['default']) visit(name, new Set());
  return out;
}

/** The `build()` input and options a bake target stands for (the fallback when buildx is missing). */
export function bakeTargetOptions(t: BakeFileTarget) {
  const secrets = (t.secret ?? []).map((s): SecretSpec => {
    const fields = Object.fromEntries(
      splitCsv(unesc(s)).map((f) => {
        const eq = f.indexOf('=');
        return eq === -1 ? [f, ''] : [f.slice(0, eq), f.slice(eq + 1)];
      }),
    ) as Record<string, string>;
    if (!fields.id) throw new BuildOptionsError(`bake secret ${JSON.stringify(s)} has no id`);
    const src = fields.src ?? fields.source;
    if (src !== undefined) return { id: fields.id, src };
    return { id: fields.id, env: fields.env ?? fields.id };
  });
  const ssh = (t.ssh ?? []).map((s): SshSpec => {
    const v = unesc(s);
    if (v === 'default') return 'default';
    const eq = v.indexOf('=');
    return eq === -1 ? { id: v } : { id: v.slice(0, eq), paths: v.slice(eq + 1).split(',') };
  });
  const unmap = (m: Readonly<Record<string, string>> | undefined) =>
    m && Object.fromEntries(Object.entries(m).map(([k, v]) => [unesc(k), unesc(v)]));
  const pushes = (t.output ?? []).some((o) =>
    /(^|,)type=registry(,|$)|(^|,)push=true(,|$)/.test(o),
  );
  return {
    dockerfile: t['dockerfile-inline'] === undefined ? null : unesc(t['dockerfile-inline']),
    dockerfilePath: t.dockerfile === undefined ? null : unesc(t.dockerfile),
    options: {
      context: t.context === undefined ? '.' : unesc(t.context),
      ...(t.tags ? { tags: t.tags.map(unesc) } : {}),
      ...(t.target !== undefined ? { target: unesc(t.target) } : {}),
      ...(t.args ? { buildArgs: unmap(t.args)! } : {}),
      ...(t.labels ? { labels: unmap(t.labels)! } : {}),
      ...(t.platforms ? { platforms: t.platforms.map(unesc) } : {}),
      ...(t['cache-from'] ? { cacheFrom: t['cache-from'].map(unesc) } : {}),
      ...(t['cache-to'] ? { cacheTo: t['cache-to'].map(unesc) } : {}),
      ...(secrets.length ? { secrets } : {}),
      ...(ssh.length ? { ssh } : {}),
      ...(pushes ? { push: true } : {}),
      ...(t['no-cache'] ? { noCache: true } : {}),
      ...(t.pull ? { pull: true } : {}),
    },
  };
}
