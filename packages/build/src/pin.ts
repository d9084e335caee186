import { expand, globalArgValues, parse } from '@dockwright/ast';
import { concurrency } from './concurrency.js';
import {
  type ImageReference,
  ImageReferenceError,
  parseImageReference,
} from './image-reference.js';
import { type ImageReferenceSite, imageReferences } from './image-references.js';

/**
 * - `pin`: write the digest into every reference that has none.
 * - `update`: also refresh the digest of pinned references whose tag moved.
 * - `check`: change nothing; report what is unpinned or moved.
 */
export type PinMode = 'pin' | 'update' | 'check';

export type PinStatus =
  /** A digest was written. */
  | 'pinned'
  /** The digest was replaced by the tag's current one. */
  | 'updated'
  /** Pinned, and (in `update` and `check`) the tag still names that digest. */
  | 'current'
  /** `check`: no digest. */
  | 'unpinned'
  /** `check`: the tag names another digest now. */
  | 'moved'
  /** A digest without a tag: nothing to compare it with. */
  | 'digest-only'
  /** Built from variables, or split across lines: cannot be edited in place. */
  | 'skipped'
  /** The registry could not say. */
  | 'error';

export interface PinnedReference {
  readonly kind: ImageReferenceSite['kind'];
  /** The reference as it was written. */
  readonly ref: string;
  readonly line: number;
  readonly column: number;
  readonly status: PinStatus;
  /** The digest in the file after the run (the one found, written or refreshed), or null. */
  readonly digest: string | null;
  /** The digest the tag names now, when the registry was asked. */
  readonly latest: string | null;
  /** Why it was skipped, or what the registry said. */
  readonly message: string | null;
}

export interface PinOptions {
  readonly mode?: PinMode;
  /** The digest a `registry/repository:tag` names now (see `createRegistryClient().digest`). */
  readonly resolve: (ref: ImageReference) => Promise<string>;
  /** How many references are resolved at once. Default 8. */
  readonly concurrency?: number;
}

export interface PinResult {
  /** The text with digests written in; every byte outside the edited references is kept. */
  readonly text: string;
  readonly references: readonly PinnedReference[];
  /** A reference is unpinned, moved, skipped or failed: what `--check` fails on. */
  readonly ok: boolean;
}

/**
 * Pins a Dockerfile's images to digests: `FROM node:22-slim` becomes
 * `FROM node:22-slim@sha256:…` (a tag-less `node` becomes `node:latest@sha256:…`), in FROM,
 * `COPY --from=` and `RUN --mount=…,from=`. Only the reference is edited; every other byte
 * (comments, continuations, spacing, line endings) stays. A reference built from variables is
 * judged through its ARG defaults and left as written.
 *
 * @example
 * ```ts
 * const registry = createRegistryClient();
 * const { text } = await pinDockerfile('FROM node:22-slim\n', { resolve: registry.digest });
 * // 'FROM node:22-slim@sha256:…\n'
 * ```
 */
export async function pinDockerfile(text: string, options: PinOptions): Promise<PinResult> {
  const mode = options.mode ?? 'pin';
  const limit = concurrency(options.concurrency, 8);
  const tree = parse(text);
  const sites = imageReferences(text, tree);
  const defaults = globalArgValues(tree);
  const lookups = new Map<string, Promise<string>>();
  const resolveOnce = (ref: ImageReference) => {
    const key = `${ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`;
    let p = lookups.get(key);
    if (!p) {
      p = options.resolve({ ...ref, tag: ref.tag ?? 'latest', digest: null });
      p.catch(() => {});
      lookups.set(key, p);
    }
    return p;
  };
  const plan = sites.map((site) => planSite(site, mode, defaults));
  const results = await mapLimit(plan, limit, async (p) => {
    if (!p.lookup) return p.done;
    try {
      return p.finish(await resolveOnce(p.lookup));
    } catch (error) {
      return {
        ...p.base,
        status: 'error' as const,
        digest: p.lookup.digest,
        latest: null,
        message: (error as Error).message,
      };
    }
  });
  // Edits from the end backwards, so earlier offsets stay valid.
  let out = text;
  const edits = results
    .map((r, i) => ({ r, site: sites[i]! }))
    .filter(({ r }) => (r.status === 'pinned' || r.status === 'updated') && r.digest !== null)
    .sort((a, b) => b.site.start - a.site.start);
  for (const { r, site } of edits) {
    const ref = parseImageReference(site.ref);
    const at = site.ref.indexOf('@');
    const keep = at === -1 ? site.ref : site.ref.slice(0, at);
    const tagged = ref.tag === null ? `${keep}:latest` : keep;
    out = `${out.slice(0, site.start)}${tagged}@${r.digest}${out.slice(site.end)}`;
  }
  const ok = results.every(
    (r) =>
      r.status === 'pinned' ||
      r.status === 'updated' ||
      r.status === 'current' ||
      r.status === 'digest-only',
  );
  return { text: out, references: results, ok };
}

type Base = Pick<PinnedReference, 'kind' | 'ref' | 'line' | 'column'>;

interface Plan {
  readonly base: Base;
  /** The reference to ask the registry about, or null when the answer is already known. */
  readonly lookup: ImageReference | null;
  readonly done: PinnedReference;
  readonly finish: (latest: string) => PinnedReference;
}

function planSite(
  site: ImageReferenceSite,
  mode: PinMode,
  defaults: ReadonlyMap<string, string>,
): Plan {
  const base: Base = { kind: site.kind, ref: site.ref, line: site.line, column: site.column };
  const result = (
    status: PinStatus,
    digest: string | null,
    latest: string | null,
    message: string | null = null,
  ): PinnedReference => ({
    ...base,
    status,
    digest,
    latest,
    message,
  });
  const known = (r: PinnedReference): Plan => ({ base, lookup: null, done: r, finish: () => r });
  let written = site.ref;
  const usesVariables = site.ref.includes('$');
  if (usesVariables) {
    if (site.kind !== 'from') {
      return known(
        result('skipped', null, null, 'built from variables: write the image out to pin it'),
      );
    }
    try {
      // FROM sees the global ARGs: judge the reference through their defaults.
      written = expand(site.ref, (name) => defaults.get(name));
    } catch {
      return known(result('skipped', null, null, 'built from variables that do not expand'));
    }
  }
  let ref: ImageReference;
  try {
    ref = parseImageReference(written);
  } catch (error) {
    if (error instanceof ImageReferenceError)
      return known(result('skipped', null, null, error.message));
    throw error;
  }
  if (ref.digest !== null && ref.tag === null)
    return known(result('digest-only', ref.digest, null));
  const editable = site.editable && !usesVariables;
  const why = usesVariables
    ? `built from variables (${site.ref} is ${written}): pin the ARG's default instead`
    : 'split across lines or quoted: write it on one line to pin it';
  if (ref.digest !== null && mode === 'pin') return known(result('current', ref.digest, null));
  if (ref.digest === null && mode !== 'check' && !editable)
    return known(result('skipped', null, null, why));
  return {
    base,
    lookup: ref,
    done: result('error', ref.digest, null),
    finish: (latest) => {
      if (ref.digest === null) {
        return mode === 'check'
          ? result('unpinned', null, latest)
          : result('pinned', latest, latest);
      }
      if (ref.digest === latest) return result('current', ref.digest, latest);
      if (mode === 'update' && editable) return result('updated', latest, latest);
      if (mode === 'update') return result('skipped', ref.digest, latest, why);
      return result('moved', ref.digest, latest, `the tag now names ${latest}`);
    },
  };
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
