import type { InstructionNode } from '@dockwright/ast';
import { mountsOf } from '../../internal/views.js';
import type { RuleContext } from '../../rule-context.js';

/**
 * hadolint's view of a FROM (language-docker's `BaseImage`): the registry is the text up to the
 * first `.` and on to the first `/` (`docker.io/library/ubuntu`), the name the rest up to `:` or
 * `@` (a `${…}` is read whole), then the tag and the digest; the alias is kept as written.
 */
export interface BaseImage {
  readonly registry: string | null;
  readonly name: string;
  readonly tag: string | null;
  readonly digest: string | null;
  readonly alias: string | null;
  readonly platform: string | null;
}

/** A FROM instruction read as hadolint reads it, once per lint. */
export function baseImage(ctx: RuleContext, node: InstructionNode): BaseImage {
  return ctx.view(readBaseImage, node);
}

function readBaseImage(node: InstructionNode): BaseImage {
  // By index: destructuring or `for…of` a node's (frozen) lists allocates on Node 20.
  const { args, flags } = node;
  const ref = args[0] ?? '';
  const as = args[1];
  const alias = args[2];
  let platform: string | null = null;
  for (let i = 0; i < flags.length; i++) {
    if (flags[i]!.name === 'platform') {
      platform = flags[i]!.value;
      break;
    }
  }
  // Fields listed, not spread: a spread into a literal is several times slower, per FROM.
  const { registry, name, tag, digest } = imageReference(ref);
  return {
    registry,
    name,
    tag,
    digest,
    alias: as !== undefined && as.toLowerCase() === 'as' && alias !== undefined ? alias : null,
    platform,
  };
}

/** A registry: the text up to the first `.` and on to the first `/`. */
const REGISTRY = /^([^.]+)\.([^/]+)\//;

/** An image reference split as language-docker splits it (see {@link BaseImage}). */
export function imageReference(ref: string): Omit<BaseImage, 'alias' | 'platform'> {
  let rest = ref;
  let registry: string | null = null;
  const reg = REGISTRY.exec(rest);
  if (reg) {
    registry = `${reg[1]}.${reg[2]}`;
    rest = rest.slice(reg[0].length);
  }
  const name = readName(rest);
  rest = rest.slice(name.length);
  let tag: string | null = null;
  if (rest.startsWith(':')) {
    tag = readName(rest.slice(1));
    rest = rest.slice(1 + tag.length);
  }
  const digest = rest.startsWith('@') ? rest.slice(1) : null;
  return { registry, name, tag, digest };
}

const COLON = 0x3a;
const AT = 0x40;
const DOLLAR = 0x24;
const OPEN = 0x7b;
const CLOSE = 0x7d;

/** Text up to a `:` or `@`, reading a `${…}` as one piece. */
function readName(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === COLON || c === AT) break;
    if (c === DOLLAR && text.charCodeAt(i + 1) === OPEN) {
      let depth = 0;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === OPEN) depth++;
        else if (d === CLOSE && --depth === 0) break;
      }
    }
    i++;
  }
  return i >= n ? text : text.slice(0, i);
}

/** Two FROMs that hadolint's `BaseImage` equality cannot tell apart. */
export function sameBaseImage(a: BaseImage, b: BaseImage): boolean {
  return (
    a.registry === b.registry &&
    a.name === b.name &&
    a.tag === b.tag &&
    a.digest === b.digest &&
    a.alias === b.alias &&
    a.platform === b.platform
  );
}

/** What hadolint assumes for instructions before the first FROM. */
const NO_FROM: BaseImage = {
  registry: null,
  name: 'scratch',
  tag: null,
  digest: null,
  alias: null,
  platform: null,
};

/**
 * The RUNs for which `leavesWaste` holds, kept only in stages that end up in the image, as
 * hadolint's DL3009 and DL3060 count them: the last stage (and every stage with its base
 * image), and stages a later FROM builds on. A throw-away build stage may keep its caches.
 */
export function wasteInKeptStages(
  ctx: RuleContext,
  leavesWaste: (run: InstructionNode) => boolean,
): InstructionNode[] {
  let current: BaseImage | null = null;
  const imageNames = new Set<string>();
  const found: { node: InstructionNode; from: BaseImage }[] = [];
  for (const n of ctx.instructions) {
    if (n.keyword === 'FROM') {
      current = baseImage(ctx, n);
      imageNames.add(current.name);
    } else if (n.keyword === 'RUN' && leavesWaste(n)) {
      found.push({ node: n, from: current ?? NO_FROM });
    }
  }
  const last = current ?? NO_FROM;
  return found
    .filter(
      ({ from }) =>
        sameBaseImage(from, last) || (from.alias !== null && imageNames.has(from.alias)),
    )
    .map(({ node }) => node);
}

/** A RUN mounts a cache or tmpfs at a target containing `fragment` (hadolint `Utils`). */
export function hasCacheOrTmpfsMountWith(
  ctx: RuleContext,
  run: InstructionNode,
  fragment: string,
): boolean {
  return mountsOf(ctx, run).some(
    (m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target.includes(fragment),
  );
}

/** hadolint's `archiveFileFormatExtensions`. */
export const ARCHIVE_EXTENSIONS = [
  '.tar',
  '.Z',
  '.bz2',
  '.gz',
  '.lz',
  '.lzma',
  '.tZ',
  '.tb2',
  '.tbz',
  '.tbz2',
  '.tgz',
  '.tlz',
  '.tpz',
  '.txz',
  '.xz',
];

/** Quotes removed from both ends (hadolint `dropQuotes`). */
export function dropQuotes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isQuote(text.charCodeAt(start))) start++;
  while (end > start && isQuote(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isQuote(code: number): boolean {
  return code === 0x22 || code === 0x27;
}

const WINDOWS_DRIVE = /^\p{L}:/u;

/** `C:` and the like. */
export function isWindowsAbsolute(path: string): boolean {
  return WINDOWS_DRIVE.test(path);
}

/** `index of the first command matching a` < `index of the first matching b` (both present). */
export function firstBefore<T>(
  list: readonly T[],
  a: (item: T) => boolean,
  b: (item: T) => boolean,
): boolean {
  const ia = list.findIndex(a);
  const ib = list.findIndex(b);
  return ia >= 0 && ib >= 0 && ia < ib;
}
