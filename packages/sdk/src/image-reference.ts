/**
 * Image references as BuildKit parses them after expansion (`reference.ParseNormalizedNamed`
 * of the distribution/reference grammar): what FROM, `COPY --from` and mount `from` may name.
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})';
const REFERENCE = new RegExp(
  `^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::${TAG})?(?:@${DIGEST})?$`,
);

/**
 * Why `name` is not an image reference BuildKit accepts, or null when it is one. A reference
 * with variables (`node:${NODE_VERSION}-slim`) is checked with each variable standing for a
 * plain word.
 */
export function imageReferenceProblem(name: string): string | null {
  const plain = name.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, 'x');
  if (/^[a-f0-9]{64}$/.test(plain))
    return 'a 64-character hexadecimal string names an image ID, not a reference';
  const m = REFERENCE.exec(plain);
  if (m === null)
    return 'not a valid image reference ([registry/]name[:tag][@digest], name in lower case)';
  // Without a registry, a first component with "." or ":" (or `localhost`) would be taken for one.
  const [, domain, path] = m;
  if ((domain ?? '').length + (path ?? '').length + (domain ? 1 : 0) > 255) {
    return 'the repository name must not be longer than 255 characters';
  }
  return null;
}
