import { splitImage } from '@dockwright/ast';

/**
 * Whether a string is a valid image reference for `reference.ParseNormalizedNamed` (what
 * InvalidDefaultArgInFrom checks): optional registry host, lower-case path components, an
 * optional tag and digest.
 */
export function isValidImageRef(ref: string): boolean {
  if (ref === '') return false;
  const { repository, tag, digest } = splitImage(ref);
  if (
    digest !== null &&
    !/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/.test(digest)
  ) {
    return false;
  }
  if (tag !== null && !/^[\w][\w.-]{0,127}$/.test(tag)) return false;
  const parts = repository.split('/');
  const first = parts[0]!;
  const hasDomain =
    parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain) {
    if (
      !/^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/.test(
        first,
      )
    ) {
      return false;
    }
    parts.shift();
  }
  if (parts.length === 0) return false;
  return parts.every((p) => /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(p));
}
