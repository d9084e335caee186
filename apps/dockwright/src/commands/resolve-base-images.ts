import {
  createRegistryClient,
  type EngineOptions,
  enginePlatform,
  type ImageConfig,
  type LocalImage,
  localImage,
  parseImageReference,
  type RegistryClient,
} from '@dockwright/build';
import {
  type BaseImageRequest,
  baseImageRequests,
  escapeTerminal,
  type ImageFacts,
  type LintOptions,
  selectManifest,
} from '@dockwright/lint';

/** What `--resolve-images` found for one file: `LintOptions.images`, and what it could not resolve. */
export interface ResolvedFile {
  readonly images: Record<string, ImageFacts | ImageFacts[]>;
  /** `LintOptions.buildPlatform`: the engine's platform. */
  readonly buildPlatform: string;
  /** `file:line:column: cannot resolve …` per FROM that could not be resolved. */
  readonly errors: readonly string[];
}

export interface ResolveSetup {
  readonly engine: EngineOptions | null;
  /** The builder's platform, for `LintOptions.buildPlatform`. */
  readonly buildPlatform: string;
  readonly registry: RegistryClient;
}

/** This machine's platform in Go's names: what a local builder without an engine would use. */
function hostPlatform(): string {
  const arch: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: '386',
    ppc64: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
  };
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  return `${os}/${arch[process.arch] ?? process.arch}`;
}

/**
 * Asks the engine for its platform (the default target, as `docker build` uses it). Without
 * an engine, images are resolved from registries only, for this machine's platform.
 */
export async function resolveSetup(
  engine: EngineOptions,
  insecureRegistries: readonly string[],
  note: (s: string) => void,
): Promise<ResolveSetup> {
  const registry = createRegistryClient({ insecureRegistries });
  try {
    return { engine, buildPlatform: await enginePlatform(engine), registry };
  } catch (error) {
    const host = hostPlatform();
    note(
      `dockwright: no Docker engine answered (${escapeTerminal((error as Error).message)}): base images are resolved from registries only, for ${host}\n`,
    );
    return { engine: null, buildPlatform: host, registry };
  }
}

/** One resolved manifest: its facts, and what identifies it (to merge what several FROMs found). */
interface Found {
  readonly id: string;
  readonly facts: ImageFacts;
  /** It was picked from a multi-platform image's manifests. */
  readonly fromIndex: boolean;
}

/** Whether the engine's copy serves a build for `platform` (moby's `platformMatches`). */
function servesPlatform(local: LocalImage, platform: string): boolean {
  const [os = '', arch = '', variant = ''] = platform.split('/');
  return (
    local.os === os.replace(/\(.*\)$/, '') &&
    local.architecture === arch &&
    (local.variant === undefined || local.variant === variant)
  );
}

function localFacts(local: LocalImage): Found {
  const { id, layers, ...platform } = local;
  return { id, facts: { ...platform, ...(layers === 0 ? { empty: true } : {}) }, fromIndex: false };
}

/** BuildKit's "scratch" test: no layer in the rootfs and none in the history. */
function configFacts(config: ImageConfig): ImageFacts {
  const layered =
    (config.rootfs?.diff_ids?.length ?? 0) > 0 ||
    (config.history ?? []).some((h) => h.empty_layer !== true);
  return {
    os: config.os,
    architecture: config.architecture,
    ...(config.variant ? { variant: config.variant } : {}),
    ...(config['os.version'] ? { osVersion: config['os.version'] } : {}),
    ...(config['os.features']?.length ? { osFeatures: config['os.features'] } : {}),
    ...(layered ? {} : { empty: true }),
  };
}

/**
 * Resolves what each file's FROM images are, as `docker build` would find them: the engine's
 * copy when it serves the platform, else the registry (the manifest BuildKit picks for the
 * platform), else the engine's copy of another platform. Each image is asked about once per
 * platform, at most 8 at a time.
 */
export async function resolveBaseImages(
  files: readonly { readonly name: string; readonly text: string; readonly options: LintOptions }[],
  setup: ResolveSetup,
): Promise<ResolvedFile[]> {
  const locals = new Map<string, Promise<LocalImage | null>>();
  const lookups = new Map<string, Promise<Found>>();
  const localOf = (ref: string) => {
    let p = locals.get(ref);
    if (!p) {
      // An engine that fails to answer about one image has no copy of it, as far as we know.
      p = setup.engine ? localImage(ref, setup.engine).catch(() => null) : Promise.resolve(null);
      locals.set(ref, p);
    }
    return p;
  };
  const find = (request: BaseImageRequest): Promise<Found> => {
    const key = `${request.platform} ${request.reference}`;
    let p = lookups.get(key);
    if (!p) {
      p = limit(async () => {
        const ref = parseImageReference(request.reference);
        const local = await localOf(request.reference);
        if (local && servesPlatform(local, request.platform)) return localFacts(local);
        try {
          const image = await setup.registry.imageConfig(ref, (platforms) =>
            selectManifest(platforms, request.platform),
          );
          return {
            id: image.digest,
            facts: configFacts(image.config),
            fromIndex: image.platforms !== null,
          };
        } catch (error) {
          if (local) return localFacts(local);
          throw error;
        }
      });
      p.catch(() => {});
      lookups.set(key, p);
    }
    return p;
  };

  const perFile = files.map(({ text, options }) =>
    baseImageRequests(text, { ...options, buildPlatform: setup.buildPlatform }),
  );
  const answers = await Promise.all(
    perFile.map((requests) =>
      Promise.all(
        requests.map((r) =>
          find(r).then(
            (found) => ({ found, error: null }),
            (error: Error) => ({ found: null, error }),
          ),
        ),
      ),
    ),
  );
  return files.map(({ name }, f) => {
    const errors: string[] = [];
    const byRef = new Map<string, Found[]>();
    perFile[f]!.forEach((request, i) => {
      const { found, error } = answers[f]![i]!;
      if (found) {
        const list = byRef.get(request.reference) ?? [];
        if (!list.some((x) => x.id === found.id)) list.push(found);
        byRef.set(request.reference, list);
        return;
      }
      errors.push(
        `${name}:${request.line}:${request.column}: cannot resolve base image ${escapeTerminal(request.reference)} for ${request.platform}: ${escapeTerminal(why(request.reference, error))}`,
      );
    });
    const images: Record<string, ImageFacts | ImageFacts[]> = {};
    for (const [ref, list] of byRef) {
      // One image for every platform asked: it is what the reference names. Manifests picked
      // from an index: lint picks among them again, as BuildKit does per platform.
      images[ref] =
        list.length === 1 && !list[0]!.fromIndex ? list[0]!.facts : list.map((x) => x.facts);
    }
    return { images, errors, buildPlatform: setup.buildPlatform };
  });
}

/** An error's message without the image name it starts with, when that is the reference's. */
function why(reference: string, error: Error | null): string {
  const message = error?.message ?? 'unknown error';
  try {
    const ref = parseImageReference(reference);
    const name = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`;
    if (message.startsWith(`${name}: `)) return message.slice(name.length + 2);
  } catch {
    // the reference is not one: the message says so
  }
  return message;
}

/** Runs at most 8 lookups at once. */
const limit = (() => {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= 8) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await fn();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
})();
