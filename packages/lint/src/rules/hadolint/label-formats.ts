import deprecatedLicenses from 'spdx-license-ids/deprecated.json' with { type: 'json' };
import licenses from 'spdx-license-ids/index.json' with { type: 'json' };

/**
 * An absolute URI as RFC 3986 defines it (`scheme:` then URI characters only), what hadolint's
 * `Network.URI.parseURI` accepts.
 */
export function isUrl(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return false;
  if (!/^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(value)) return false;
  const hash = value.indexOf('#');
  // `#` and `[`/`]` have their places: one fragment, brackets only around an IP literal host.
  if (hash >= 0 && value.indexOf('#', hash + 1) >= 0) return false;
  const brackets = value.replace(/^[^:]*:\/\/\[[0-9A-Fa-f:.]+\]/, '');
  return !/[[\]]/.test(brackets);
}

/** An RFC 3339 date-time: `2021-03-10T10:26:33.5+01:00`, `2021-03-10T09:26:33Z`. */
export function isRfc3339(value: string): boolean {
  const m =
    /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:Z|[+-]([0-9]{2}):?([0-9]{2}))$/.exec(
      value,
    );
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  const daysIn = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  const offsetOk = m[7] === undefined || (Number(m[7]) < 24 && Number(m[8]) < 60);
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysIn &&
    hour! < 24 &&
    minute! < 60 &&
    second! <= 60 &&
    offsetOk
  );
}

const SPDX = new Set<string>([...licenses, ...deprecatedLicenses]);

/** A license identifier of the SPDX list (`MIT`, `Apache-2.0`), not an expression. */
export function isSpdx(value: string): boolean {
  return SPDX.has(value);
}

/** A short (7) or full (40) lower-case hexadecimal git commit hash. */
export function isGitHash(value: string): boolean {
  return /^[0-9a-f]+$/.test(value) && (value.length === 7 || value.length === 40);
}

/** A Semantic Versioning 2.0.0 version: `1.0.0`, `2.0.1-rc1`, `1.2.3+build.5`. */
export function isSemVer(value: string): boolean {
  return /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/.test(
    value,
  );
}

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOT_ATOM = `${ATEXT}(?:\\.${ATEXT})*`;
const QUOTED = '"(?:[^"\\\\\\r\\n]|\\\\.)*"';
const DOMAIN_LITERAL = '\\[[^\\[\\]\\\\\\s]*\\]';
const EMAIL = new RegExp(`^(?:${DOT_ATOM}|${QUOTED})@(?:${DOT_ATOM}|${DOMAIN_LITERAL})$`);

/** An RFC 5322 address: `local@domain` (dot-atoms, a quoted local part, a `[…]` domain). */
export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}
