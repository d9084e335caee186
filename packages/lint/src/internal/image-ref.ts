/**
 * Whether a string is a valid image reference for `reference.ParseNormalizedNamed` (what
 * InvalidDefaultArgInFrom checks): optional registry host, lower-case path components, an
 * optional tag and digest.
 */
export function isValidImageRef(ref: string): boolean {
  if (ref === '') return false;
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const digest = rest.slice(at + 1);
    if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/.test(digest)) {
      return false;
    }
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    const tag = rest.slice(colon + 1);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return false;
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
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
