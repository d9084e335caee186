import type { InstructionNode } from '../tree/nodes.js';
import { stringFlag } from './flags.js';
import type { FromView } from './view-types.js';

/**
 * FROM: the image reference split into repository, tag and digest, the platform, and the stage
 * name lower-cased as BuildKit does. A registry port (`host:5000/img`) is not a tag.
 *
 * @example
 * ```ts
 * viewFrom(parse('FROM --platform=$BUILDPLATFORM node:22-alpine AS Build').children[0])
 * // { image: 'node:22-alpine', repository: 'node', tag: '22-alpine', digest: null,
 * //   platform: '$BUILDPLATFORM', stage: 'build', stageAsWritten: 'Build', asKeyword: 'AS' }
 * ```
 */
export function viewFrom(node: InstructionNode): FromView {
  const args = node.args;
  const image = args[0] ?? '';
  const { repository, tag, digest } = splitImage(image);
  const named = args.length === 3 && args[1]!.toLowerCase() === 'as';
  return {
    keyword: 'FROM',
    image,
    repository,
    tag,
    digest,
    platform: stringFlag(node, 'platform'),
    stage: named ? args[2]!.toLowerCase() : null,
    stageAsWritten: named ? args[2]! : null,
    asKeyword: named ? args[1]! : null,
  };
}

/**
 * Splits `repo[:tag][@digest]`: the digest follows the first `@`; the tag is after the last `:`
 * that comes after the last `/` (so `localhost:5000/app` has no tag).
 */
export function splitImage(image: string): {
  repository: string;
  tag: string | null;
  digest: string | null;
} {
  let rest = image;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: rest, tag, digest };
}
