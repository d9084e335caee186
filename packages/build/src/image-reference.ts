/** An image reference split as Docker reads it (distribution's `reference.ParseNormalizedNamed`). */
export interface ImageReference {
  /** The registry as Docker names it: `docker.io`, `ghcr.io`, `127.0.0.1:5000`. */
  readonly registry: string;
  /** The repository in that registry: `library/node`, `org/app`. */
  readonly repository: string;
  readonly tag: string | null;
  /** `sha256:…`, or null. */
  readonly digest: string | null;
}

/** The error of a reference that is not one. */
export class ImageReferenceError extends Error {
  override readonly name = 'ImageReferenceError';
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
/** A host name or address and an optional port; one character class, so linear time. */
const HOST = /^(?:[a-zA-Z0-9][a-zA-Z0-9.-]*|\[[0-9a-fA-F:]+\])(?::\d+)?$/;

/**
 * Parses `[registry/]repository[:tag][@digest]` with Docker's defaults: a first component
 * with a `.` or `:`, `localhost`, or an upper-case letter is a registry; otherwise the image is
 * on Docker Hub (`docker.io`), and a one-component name is in `library/`.
 *
 * @example
 * ```ts
 * parseImageReference('node:22-slim')
 * // { registry: 'docker.io', repository: 'library/node', tag: '22-slim', digest: null }
 * parseImageReference('127.0.0.1:5000/team/app@sha256:…')
 * // { registry: '127.0.0.1:5000', repository: 'team/app', tag: null, digest: 'sha256:…' }
 * ```
 */
export function parseImageReference(ref: string): ImageReference {
  const fail = (why: string) =>
    new ImageReferenceError(`invalid image reference ${JSON.stringify(ref)}: ${why}`);
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw fail(`bad digest ${JSON.stringify(digest)}`);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw fail(`bad tag ${JSON.stringify(tag)}`);
  }
  let registry = 'docker.io';
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  if (
    slash !== -1 &&
    (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase())
  ) {
    if (!HOST.test(first)) throw fail(`bad registry ${JSON.stringify(first)}`);
    registry = first;
    rest = rest.slice(slash + 1);
  }
  if (registry === 'index.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  if (rest === '' || !rest.split('/').every((c) => COMPONENT.test(c))) {
    throw fail('repository names are lower-case letters, digits and separators (. _ __ -)');
  }
  return { registry, repository: rest, tag, digest };
}

/** The host that serves a registry's API (`docker.io` is served by `registry-1.docker.io`). */
export function registryHost(registry: string): string {
  return registry === 'docker.io' ? 'registry-1.docker.io' : registry;
}

/**
 * Whether Docker talks plain HTTP to a registry by default: loopback addresses and
 * `localhost` (dockerd's built-in insecure range is 127.0.0.0/8).
 */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '');
  return host === 'localhost' || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}
