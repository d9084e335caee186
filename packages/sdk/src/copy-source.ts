/**
 * COPY and ADD sources. BuildKit matches a source as a wildcard pattern (Go's `filepath.Match`)
 * from the first path component that holds an unescaped `*`, `?` or `[`; components before it
 * are read as a literal path, in which it cannot find a name with a `\` (the context is sent
 * filtered by that path, where `\` escapes). A pattern that matches nothing copies nothing.
 *
 * The builder takes a source as a literal name: from the first component with `*`, `?`, `[`
 * or `\`, every such character is escaped for `filepath.Match`, and one of them, in that first
 * component, is written as a one-character class (`[\[]`) so the component still counts as a
 * pattern. That pattern matches exactly the name. `glob()` passes a pattern through as written.
 */
import { DockerfileBuildError } from './dockerfile-build-error.js';
import { describe } from './literal.js';

declare const globBrand: unique symbol;

/** A COPY or ADD source BuildKit matches as a wildcard pattern. Made by {@link glob}. */
export interface Glob {
  readonly kind: 'glob';
  readonly pattern: string;
  readonly [globBrand]?: true;
}

/**
 * A wildcard pattern for a `copy()` or `add()` source (`*`, `?`, `[a-z]`, as Go's
 * `filepath.Match`); a plain string source is a literal file name. Like every BuildKit
 * pattern, one that matches nothing copies nothing.
 *
 * @example
 * ```ts
 * stage.copy(glob('package*.json'), './')   // COPY package*.json ./
 * stage.copy('pages/[id].js', '/app/pages/') // COPY pages/[\[]id].js /app/pages/  (that file only)
 * ```
 */
export function glob(pattern: string): Glob {
  if (typeof pattern !== 'string') {
    throw new DockerfileBuildError(
      'glob',
      `the pattern must be a string, got ${describe(pattern)}`,
    );
  }
  return Object.freeze({ kind: 'glob', pattern });
}

export function isGlob(value: unknown): value is Glob {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Glob).kind === 'glob' &&
    typeof (value as Glob).pattern === 'string'
  );
}

/** A literal run of a source, or a variable reference BuildKit will expand. */
interface Piece {
  readonly text: string;
  readonly reference: boolean;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/**
 * The source split into literal text and `$NAME` / `${…}` references (the `$` the encoders keep
 * as references: followed by a letter, `_` or `{`; a literal() has none).
 */
function pieces(s: string, literal: boolean): Piece[] {
  if (literal || !s.includes('$')) return [{ text: s, reference: false }];
  const out: Piece[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '$') continue;
    let end = -1;
    if (s[i + 1] === '{') {
      let depth = 0;
      for (let j = i + 1; j < s.length; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}' && --depth === 0) {
          end = j + 1;
          break;
        }
      }
      // Unbalanced: the rest is the reference, which the expansion check then refuses.
      if (end === -1) end = s.length;
    } else if (NAME_START.test(s[i + 1] ?? '')) {
      end = i + 2;
      while (end < s.length && NAME_CHAR.test(s[end]!)) end++;
    }
    if (end === -1) continue;
    if (i > start) out.push({ text: s.slice(start, i), reference: false });
    out.push({ text: s.slice(i, end), reference: true });
    start = end;
    i = end - 1;
  }
  if (start < s.length) out.push({ text: s.slice(start), reference: false });
  return out;
}

const SPECIAL = /[*?[\\]/;

/**
 * A literal source as BuildKit's matcher must see it (before the lexer's escaping, which the
 * caller adds to the literal pieces). Returns the pieces with their text rewritten.
 */
export function literalSource(s: string, literal: boolean): Piece[] {
  const parts = pieces(s, literal);
  if (!parts.some((p) => !p.reference && SPECIAL.test(p.text))) return parts;
  // Find the component (between `/`) that holds the first special character.
  let patternFrom = -1;
  let componentStart = 0;
  let offset = 0;
  for (const p of parts) {
    if (!p.reference) {
      for (let i = 0; i < p.text.length; i++) {
        const c = p.text[i]!;
        if (c === '/') componentStart = offset + i + 1;
        else if (patternFrom === -1 && SPECIAL.test(c)) patternFrom = componentStart;
      }
    }
    offset += p.text.length;
    if (patternFrom !== -1) break;
  }
  let classDone = false;
  offset = 0;
  return parts.map((p) => {
    const from = offset;
    offset += p.text.length;
    if (p.reference) return p;
    let out = '';
    for (let i = 0; i < p.text.length; i++) {
      const c = p.text[i]!;
      if (from + i < patternFrom || !SPECIAL.test(c)) out += c;
      else if (!classDone) {
        out += `[\\${c}]`;
        classDone = true;
      } else out += `\\${c}`;
    }
    return { text: out, reference: false };
  });
}

/** Whether a source is fetched (ADD): URLs are neither paths nor patterns. */
export function isUrl(s: string): boolean {
  return /^(https?:\/\/|git@)/.test(s);
}

export type { Piece };
