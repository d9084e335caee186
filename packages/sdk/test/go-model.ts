/**
 * What BuildKit (as built into Docker 20.10) does with a COPY source after expanding it, for the
 * engine-free property tests: Go's `path.Clean`, `filepath.Match`, and fsutil's wildcard split
 * (`containsWildcards`, `splitWildcards`). Written from the Go semantics, byte for byte.
 */

const utf8 = new TextEncoder();
const SLASH = 0x2f;
const BACKSLASH = 0x5c;

/** Go's `path.Clean` of an absolute path. */
export function cleanAbsolute(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** fsutil's `containsWildcards`: `*`, `?` or `[` not escaped by a `\`. */
export function containsWildcards(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/**
 * Whether the COPY source `src` (after expansion) selects the file at `path` (both cleaned the
 * way BuildKit joins them onto the context root), and only through the literal name or a
 * pattern. A literal source with a `\` is never found: the context is sent filtered by it.
 */
export function sourceSelects(src: string, path: string): boolean {
  const parts = cleanAbsolute(src).split('/').slice(1);
  const target = cleanAbsolute(path).split('/').slice(1);
  const first = parts.findIndex(containsWildcards);
  if (first === -1) return parts.join('/') === target.join('/') && !path.includes('\\');
  if (parts.slice(0, first).join('/') !== target.slice(0, first).join('/')) return false;
  return match(parts.slice(first).join('/'), target.slice(first).join('/'));
}

/** Go's `filepath.Match` on Unix; a bad pattern matches nothing (fsutil ignores the error). */
export function match(pattern: string, name: string): boolean {
  try {
    return matchBytes(utf8.encode(pattern), utf8.encode(name));
  } catch {
    return false;
  }
}

class BadPattern extends Error {}

function matchBytes(patternIn: Uint8Array, nameIn: Uint8Array): boolean {
  let pattern = patternIn;
  let name = nameIn;
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk.length === 0) return !name.includes(SLASH);
    const t = matchChunk(chunk, name);
    if (t !== null && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== SLASH; i++) {
        const t2 = matchChunk(chunk, name.subarray(i + 1));
        if (t2 !== null) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
      }
    }
    return false;
  }
  return name.length === 0;
}

function scanChunk(p: Uint8Array): { star: boolean; chunk: Uint8Array; rest: Uint8Array } {
  let pattern = p;
  let star = false;
  while (pattern.length > 0 && pattern[0] === 0x2a) {
    pattern = pattern.subarray(1);
    star = true;
  }
  let inrange = false;
  let i = 0;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case BACKSLASH:
        if (i + 1 < pattern.length) i++;
        break;
      case 0x5b:
        inrange = true;
        break;
      case 0x5d:
        inrange = false;
        break;
      case 0x2a:
        if (!inrange) break scan;
    }
  }
  return { star, chunk: pattern.subarray(0, i), rest: pattern.subarray(i) };
}

/** One UTF-8 rune at the start of `s`: its code point and width (a bad byte is U+FFFD, 1). */
function decodeRune(s: Uint8Array): [number, number] {
  const b = s[0]!;
  if (b < 0x80) return [b, 1];
  const width = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  if (width === 1 || s.length < width) return [0xfffd, 1];
  const text = new TextDecoder('utf-8', { fatal: true });
  try {
    return [text.decode(s.subarray(0, width)).codePointAt(0)!, width];
  } catch {
    return [0xfffd, 1];
  }
}

function matchChunk(c: Uint8Array, str: Uint8Array): Uint8Array | null {
  let chunk = c;
  let s = str;
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    switch (chunk[0]) {
      case 0x5b: {
        let r = -1;
        if (!failed) {
          const [code, n] = decodeRune(s);
          r = code;
          s = s.subarray(n);
        }
        chunk = chunk.subarray(1);
        let negated = false;
        if (chunk.length > 0 && chunk[0] === 0x5e) {
          negated = true;
          chunk = chunk.subarray(1);
        }
        let matched = false;
        let nrange = 0;
        for (;;) {
          if (chunk.length > 0 && chunk[0] === 0x5d && nrange > 0) {
            chunk = chunk.subarray(1);
            break;
          }
          let lo: number;
          let hi: number;
          [lo, chunk] = getEsc(chunk);
          hi = lo;
          if (chunk[0] === 0x2d) [hi, chunk] = getEsc(chunk.subarray(1));
          if (lo <= r && r <= hi) matched = true;
          nrange++;
        }
        if (matched === negated) failed = true;
        break;
      }
      case 0x3f:
        if (!failed) {
          if (s[0] === SLASH) failed = true;
          s = s.subarray(decodeRune(s)[1]);
        }
        chunk = chunk.subarray(1);
        break;
      case BACKSLASH:
        chunk = chunk.subarray(1);
        if (chunk.length === 0) throw new BadPattern();
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.subarray(1);
        }
        chunk = chunk.subarray(1);
        break;
      default:
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.subarray(1);
        }
        chunk = chunk.subarray(1);
    }
  }
  return failed ? null : s;
}

function getEsc(c: Uint8Array): [number, Uint8Array] {
  let chunk = c;
  if (chunk.length === 0 || chunk[0] === 0x2d || chunk[0] === 0x5d) throw new BadPattern();
  if (chunk[0] === BACKSLASH) {
    chunk = chunk.subarray(1);
    if (chunk.length === 0) throw new BadPattern();
  }
  const [r, n] = decodeRune(chunk);
  if (r === 0xfffd && n === 1) throw new BadPattern();
  const next = chunk.subarray(n);
  if (next.length === 0) throw new BadPattern();
  return [r, next];
}
