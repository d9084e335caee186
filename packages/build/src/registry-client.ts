import { createHash } from 'node:crypto';
import { type Credentials, dockerCredentials } from './docker-credentials.js';
import {
  type ImageReference,
  isLoopbackRegistry,
  parseImageReference,
  registryHost,
} from './image-reference.js';

/** Every manifest kind a tag may name; a multi-platform image answers with its index. */
const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface RegistryOptions {
  /** Credentials per registry; default: Docker's (config.json, its credential store and helpers). */
  readonly credentials?: (registry: string) => Promise<Credentials | null>;
  /** Registries spoken to over plain HTTP (as dockerd's `insecure-registries`); loopback always is. */
  readonly insecureRegistries?: readonly string[];
  /** Time limit of one HTTP request. Default 30 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** A registry that refused or failed to answer. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly status: number | null;
  constructor(message: string, status: number | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses `WWW-Authenticate`: `Bearer realm="https://auth/token",service="reg",scope="…"`,
 * `Basic realm="Registry"`; several challenges may share one header.
 */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  const re = /\s*(?:([A-Za-z][\w-]*)\s+)?([A-Za-z][\w-]*)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*)\s*,?/y;
  const scheme = /\s*([A-Za-z][\w-]*)(?=\s|$|,)\s*,?/y;
  let pos = 0;
  let current: { scheme: string; params: Record<string, string> } | null = null;
  while (pos < header.length) {
    re.lastIndex = pos;
    const m = re.exec(header);
    if (m) {
      if (m[1]) {
        current = { scheme: m[1].toLowerCase(), params: {} };
        out.push(current);
      }
      const raw = m[3]!;
      const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
      if (current) current.params[m[2]!.toLowerCase()] = value;
      pos = re.lastIndex;
      continue;
    }
    scheme.lastIndex = pos;
    const s = scheme.exec(header);
    if (!s) break;
    current = { scheme: s[1]!.toLowerCase(), params: {} };
    out.push(current);
    pos = scheme.lastIndex;
  }
  return out;
}

/**
 * Whether a token service on `realmHost` may receive the credentials stored for the registry
 * served from `registryHost` (a host, with or without port): the same host name, or a host
 * under the registry host's parent domain when that is not a top-level domain
 * (`registry-1.docker.io` → `auth.docker.io`, `registry.gitlab.com` → `gitlab.com`). Never
 * another address. Without a public-suffix list a registry directly under a two-label suffix
 * (`reg.co.uk`) treats the whole suffix as its parent; such a registry could as well ask for
 * the password itself with a Basic challenge, which goes to its own host only.
 */
export function mayReceiveCredentials(served: string, realmHost: string): boolean {
  const host = new URL(`https://${served}`).hostname;
  const realm = realmHost.toLowerCase().replace(/\.$/, '');
  if (realm === host) return true;
  if (/^\[|^[\d.]+$/.test(host)) return false;
  const labels = host.split('.');
  if (labels.length < 3) return false;
  const parent = labels.slice(1).join('.');
  return realm === parent || realm.endsWith(`.${parent}`);
}

/**
 * A client of the OCI distribution API for reading digests: it speaks HTTPS (plain HTTP to
 * loopback and listed registries, as dockerd does), answers Basic and Bearer challenges with
 * Docker's credentials (token auth as the distribution spec describes it, with refresh tokens
 * where `docker login` stored one), and keeps each token for the registry and scope it was
 * given for, for this client's lifetime.
 *
 * @example
 * ```ts
 * const registry = createRegistryClient();
 * await registry.digest('node:22-slim') // 'sha256:…' of the index (all platforms)
 * ```
 */
export function createRegistryClient(options: RegistryOptions = {}) {
  const credentialsFor = options.credentials ?? ((registry: string) => dockerCredentials(registry));
  const insecure = new Set(options.insecureRegistries ?? []);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const tokens = new Map<string, string>();
  const schemes = new Map<string, 'https' | 'http'>();
  const credentials = new Map<string, Promise<Credentials | null>>();

  const signal = () =>
    options.signal
      ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);

  const plainHttpAllowed = (registry: string) =>
    isLoopbackRegistry(registry) || insecure.has(registry);

  async function send(registry: string, path: string, init: RequestInit): Promise<Response> {
    const host = registryHost(registry);
    const known = schemes.get(registry);
    const order: ('https' | 'http')[] = known
      ? [known]
      : plainHttpAllowed(registry)
        ? ['https', 'http']
        : ['https'];
    let lastError: unknown;
    for (const scheme of order) {
      try {
        const response = await fetch(`${scheme}://${host}${path}`, {
          ...init,
          signal: signal(),
          redirect: 'follow',
        });
        schemes.set(registry, scheme);
        return response;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        lastError = error;
      }
    }
    const cause = (lastError as { cause?: { message?: string } })?.cause?.message;
    throw new RegistryError(
      `cannot reach registry ${registry} (${host}): ${cause ?? (lastError as Error).message}`,
      null,
      { cause: lastError },
    );
  }

  function credentialsOf(registry: string): Promise<Credentials | null> {
    let c = credentials.get(registry);
    if (!c) {
      c = credentialsFor(registry);
      credentials.set(registry, c);
    }
    return c;
  }

  /**
   * Answers a challenge: the Authorization header to retry with, or null when none fits. A
   * challenge from another host than the registry's (after a redirect) gets no credentials.
   */
  async function authorize(
    registry: string,
    challenges: Challenge[],
    scope: string,
    fromRegistry: boolean,
  ): Promise<string | null> {
    const creds = fromRegistry ? await credentialsOf(registry) : null;
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      const key = `${registry} ${scope}`;
      const cached = tokens.get(key);
      if (cached) return `Bearer ${cached}`;
      const token = await fetchToken(registry, bearer.params, scope, creds);
      tokens.set(key, token);
      return `Bearer ${token}`;
    }
    if (challenges.some((c) => c.scheme === 'basic') && creds && 'username' in creds) {
      if (schemes.get(registry) === 'http' && !isLoopbackRegistry(registry)) {
        throw new RegistryError(
          `registry ${registry} asks for a password over plain HTTP: refused`,
        );
      }
      return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    }
    return null;
  }

  /** The distribution spec's token flow, and its OAuth2 form for refresh tokens. */
  async function fetchToken(
    registry: string,
    params: Readonly<Record<string, string>>,
    scope: string,
    stored: Credentials | null,
  ): Promise<string> {
    const realm = params.realm;
    if (!realm) throw new RegistryError(`registry ${registry} asked for a token without a realm`);
    let url: URL | null = null;
    try {
      url = new URL(realm);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new RegistryError(
        `registry ${registry} gave a token realm that is not an HTTP(S) URL: ${JSON.stringify(realm)}`,
      );
    }
    // The registry names the token service: its credentials go only to the registry's own host
    // (or a sibling under its parent domain); elsewhere the token is asked for anonymously.
    const withheld =
      stored !== null && !mayReceiveCredentials(registryHost(registry), url.hostname);
    const creds = withheld ? null : stored;
    if (creds && url.protocol === 'http:' && !isLoopbackRegistry(url.host)) {
      throw new RegistryError(
        `registry ${registry} asks for credentials over plain HTTP (${realm}): refused`,
      );
    }
    let response: Response;
    try {
      if (creds && 'identityToken' in creds) {
        const form = new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: creds.identityToken,
          client_id: 'dockwright',
          scope,
          ...(params.service ? { service: params.service } : {}),
        });
        response = await fetch(url, { method: 'POST', body: form, signal: signal() });
      } else {
        if (params.service) url.searchParams.set('service', params.service);
        url.searchParams.set('scope', scope);
        const headers: Record<string, string> = {};
        if (creds) {
          headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        }
        response = await fetch(url, { headers, signal: signal() });
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new RegistryError(
        `cannot reach the token service of ${registry} (${url.origin}): ${(error as Error).message}`,
        null,
        { cause: error },
      );
    }
    if (!response.ok) {
      const why = withheld
        ? ` (the credentials stored for ${registry} are not sent to ${url.host}, a token service on another host)`
        : '';
      throw new RegistryError(
        `the token service of ${registry} refused${creds ? ' the stored credentials' : ' an anonymous token'} for ${scope}: HTTP ${response.status}${why}`,
        response.status,
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      token?: string;
      access_token?: string;
    };
    const token = body.token ?? body.access_token;
    if (!token)
      throw new RegistryError(`the token service of ${registry} answered without a token`);
    return token;
  }

  /** GET or HEAD of a manifest, with one retry after a challenge. */
  function manifest(ref: ImageReference, method: 'HEAD' | 'GET'): Promise<Response> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    return request(ref, `/v2/${ref.repository}/manifests/${reference}`, method, MANIFEST_TYPES);
  }

  /** A request to a repository's API, with one retry after a challenge. */
  async function request(
    ref: ImageReference,
    path: string,
    method: 'HEAD' | 'GET',
    accept: string,
  ): Promise<Response> {
    const scope = `repository:${ref.repository}:pull`;
    const headers: Record<string, string> = { accept };
    const cached = tokens.get(`${ref.registry} ${scope}`);
    if (cached) headers.authorization = `Bearer ${cached}`;
    let response = await send(ref.registry, path, { method, headers });
    if (response.status === 401) {
      await response.body?.cancel();
      tokens.delete(`${ref.registry} ${scope}`);
      // After a redirect the challenge may come from another host: it gets no credentials.
      const served = new URL(`https://${registryHost(ref.registry)}`).host;
      const answeredBy = response.url ? new URL(response.url).host : served;
      const auth = authorize(
        ref.registry,
        parseChallenges(response.headers.get('www-authenticate') ?? ''),
        scope,
        answeredBy === served,
      );
      const header = await auth;
      if (header)
        response = await send(ref.registry, path, {
          method,
          headers: { ...headers, authorization: header },
        });
    }
    return response;
  }

  /** A manifest or blob by digest, its bytes checked against the digest. */
  async function content(
    ref: ImageReference,
    kind: 'manifests' | 'blobs',
    digest: string,
    accept: string,
  ): Promise<unknown> {
    const name = `${ref.registry}/${ref.repository}@${digest}`;
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
      throw new RegistryError(`${name}: unsupported digest`);
    }
    const response = await request(ref, `/v2/${ref.repository}/${kind}/${digest}`, 'GET', accept);
    if (!response.ok) {
      await response.body?.cancel();
      throw new RegistryError(`${name}: ${refusal(response.status)}`, response.status);
    }
    const body = await readLimited(response, MAX_DOCUMENT, name);
    if (`sha256:${createHash('sha256').update(body).digest('hex')}` !== digest) {
      throw new RegistryError(`${name}: the registry answered content of another digest`);
    }
    return parseJson(body, name);
  }

  return {
    /**
     * The digest a reference names now: its tag's manifest index (or manifest, for a
     * single-platform image), as `Docker-Content-Digest` says, else the hash of the body.
     */
    async digest(reference: string | ImageReference): Promise<string> {
      const ref = typeof reference === 'string' ? parseImageReference(reference) : reference;
      const name = `${ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`;
      let response = await manifest(ref, 'HEAD');
      let digest = response.ok ? response.headers.get('docker-content-digest') : null;
      if (response.ok && !digest) {
        // Some registries leave the header out of HEAD answers: hash the manifest itself.
        response = await manifest(ref, 'GET');
        if (response.ok) {
          digest = response.headers.get('docker-content-digest');
          const body = Buffer.from(await response.arrayBuffer());
          digest ??= `sha256:${createHash('sha256').update(body).digest('hex')}`;
        }
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new RegistryError(`${name}: ${refusal(response.status)}`, response.status);
      }
      if (!digest || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
        throw new RegistryError(
          `${name}: the registry answered an unusable digest ${JSON.stringify(digest)}`,
        );
      }
      return digest;
    },

    /**
     * The config of the image a reference names, as BuildKit resolves a base image: a
     * multi-platform image's manifest is the one `choose` picks from its manifests' platforms
     * (an index, or -1 for none); a single-platform image's is its own. Every document is checked
     * against its digest.
     *
     * @example
     * ```ts
     * const { config } = await registry.imageConfig('127.0.0.1:5000/app:1', (ps) =>
     *   ps.findIndex((p) => p.os === 'linux' && p.architecture === 'arm64'),
     * );
     * config.architecture // 'arm64'
     * ```
     */
    async imageConfig(
      reference: string | ImageReference,
      choose: (platforms: readonly ManifestPlatform[]) => number,
    ): Promise<RegistryImage> {
      const ref = typeof reference === 'string' ? parseImageReference(reference) : reference;
      const name = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`;
      const top = await manifest(ref, 'GET');
      if (!top.ok) {
        await top.body?.cancel();
        throw new RegistryError(`${name}: ${refusal(top.status)}`, top.status);
      }
      const topBody = await readLimited(top, MAX_DOCUMENT, name);
      const topDigest = `sha256:${createHash('sha256').update(topBody).digest('hex')}`;
      if (ref.digest !== null && ref.digest !== topDigest) {
        throw new RegistryError(`${name}: the registry answered content of another digest`);
      }
      let doc = parseJson(topBody, name) as ManifestDocument;
      let digest = topDigest;
      let platforms: ManifestPlatform[] | null = null;
      if (Array.isArray(doc.manifests)) {
        const entries = doc.manifests.filter(
          (m): m is IndexEntry =>
            typeof m === 'object' && m !== null && typeof m.digest === 'string',
        );
        platforms = entries.map((m) => platformOf(m.platform));
        const i = choose(platforms);
        const entry = i >= 0 ? entries[i] : undefined;
        if (!entry) {
          const listed = [...new Set(platforms.map((p) => `${p.os}/${p.architecture}`))]
            .sort()
            .join(', ');
          throw new RegistryError(
            `${name}: no manifest for the platform (it has ${listed || 'none'})`,
          );
        }
        digest = entry.digest;
        doc = (await content(ref, 'manifests', digest, MANIFEST_TYPES)) as ManifestDocument;
      }
      const configDigest = doc.config?.digest;
      if (typeof configDigest !== 'string') {
        throw new RegistryError(`${name}: the manifest names no image config`);
      }
      const config = (await content(ref, 'blobs', configDigest, '*/*')) as ImageConfig;
      if (typeof config !== 'object' || config === null || typeof config.os !== 'string') {
        throw new RegistryError(`${name}: the image config names no platform`);
      }
      return { digest, platforms, config };
    },
  };
}

/** A platform as an index lists it (OCI image index `platform`). */
export interface ManifestPlatform {
  /** `linux`, `windows`; empty when the index names none. */
  readonly os: string;
  /** `amd64`, `arm64`; empty when the index names none. */
  readonly architecture: string;
  /** `v7`, `v8`. */
  readonly variant?: string;
  /** The index's `os.version` (Windows builds). */
  readonly osVersion?: string;
  /** The index's `os.features`. */
  readonly osFeatures?: readonly string[];
}

/** The parts of an OCI image config that say what the image is. */
export interface ImageConfig {
  /** The OS the image is for: `linux`. */
  readonly os: string;
  /** The architecture the image is for: `amd64`. */
  readonly architecture: string;
  /** The architecture's variant: `v7`. */
  readonly variant?: string;
  /** The OS version (Windows builds). */
  readonly 'os.version'?: string;
  /** OS features the image needs. */
  readonly 'os.features'?: readonly string[];
  /** The layers' uncompressed digests. */
  readonly rootfs?: {
    /** One per layer, bottom first. */
    readonly diff_ids?: readonly string[];
  };
  /** One entry per build step. */
  readonly history?: readonly {
    /** The step made no layer. */
    readonly empty_layer?: boolean;
  }[];
}

/** What `imageConfig` read. */
export interface RegistryImage {
  /** The digest of the image's manifest (for a multi-platform image, the one chosen). */
  readonly digest: string;
  /** A multi-platform image's manifests' platforms, or null for a single-platform image. */
  readonly platforms: readonly ManifestPlatform[] | null;
  /** The image's config. */
  readonly config: ImageConfig;
}

interface IndexEntry {
  readonly digest: string;
  readonly platform?: {
    readonly os?: unknown;
    readonly architecture?: unknown;
    readonly variant?: unknown;
    readonly 'os.version'?: unknown;
    readonly 'os.features'?: unknown;
  };
}

interface ManifestDocument {
  readonly manifests?: readonly IndexEntry[];
  readonly config?: { readonly digest?: unknown };
}

/** Manifests and configs are small: a larger answer is refused rather than read. */
const MAX_DOCUMENT = 4 * 1024 * 1024;

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function platformOf(p: IndexEntry['platform']): ManifestPlatform {
  const features = Array.isArray(p?.['os.features'])
    ? (p['os.features'] as unknown[]).filter((f): f is string => typeof f === 'string')
    : undefined;
  const variant = text(p?.variant);
  const osVersion = text(p?.['os.version']);
  return {
    os: text(p?.os) ?? '',
    architecture: text(p?.architecture) ?? '',
    ...(variant ? { variant } : {}),
    ...(osVersion ? { osVersion } : {}),
    ...(features && features.length > 0 ? { osFeatures: features } : {}),
  };
}

function refusal(status: number): string {
  return status === 404
    ? 'no such tag or repository'
    : status === 401 || status === 403
      ? 'access denied (log in with docker login, or check the credentials Docker stores)'
      : `HTTP ${status}`;
}

async function readLimited(response: Response, limit: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > limit) {
        await response.body.cancel().catch(() => {});
        throw new RegistryError(`${name}: the answer is larger than ${limit} bytes`);
      }
      chunks.push(Buffer.from(chunk));
    }
  }
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer, name: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryError(`${name}: the registry answered something that is not JSON`);
  }
}

export type RegistryClient = ReturnType<typeof createRegistryClient>;
