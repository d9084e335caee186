import { type DockerfileNode, type InstructionNode, parse, stages } from '@dockwright/ast';
import { type Chars, isSeparator, isSpace, logicalChars } from './logical-line.js';

/** Where a Dockerfile names an image: a FROM, a `COPY --from` or a `RUN --mount=…,from=`. */
export interface ImageReferenceSite {
  readonly kind: 'from' | 'copy' | 'mount';
  /** The reference as written (`node:22-slim`, `${BASE}`). */
  readonly ref: string;
  readonly line: number;
  readonly column: number;
  /** Offsets of the reference in the text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /**
   * The reference is one unbroken run of characters in the text (no line continuation, quote
   * or escape inside it), so it can be edited in place.
   */
  readonly editable: boolean;
  readonly node: InstructionNode;
}

/** A word's characters after quote and `\` removal, as BuildKit's flag parser reads them. */
interface Word {
  readonly s: string;
  readonly at: readonly number[];
}

/** BuildKit's `extractBuilderFlags` over `chars` from `i`: the flag words and where the rest starts. */
function flagWords(chars: Chars, i: number): { flags: Word[]; rest: number } {
  const { s, at } = chars;
  const flags: Word[] = [];
  for (;;) {
    while (i < s.length && isSpace(s[i]!)) i++;
    if (i >= s.length || s[i] !== '-' || s[i + 1] !== '-') return { flags, rest: i };
    let word = '';
    const offs: number[] = [];
    let quote = '';
    for (; i < s.length; i++) {
      let c = s[i]!;
      if (quote === '') {
        if (isSpace(c)) break;
        if (c === '"' || c === "'") {
          quote = c;
          continue;
        }
      } else if (c === quote) {
        quote = '';
        continue;
      }
      if (c === '\\') {
        if (i + 1 === s.length) continue;
        c = s[++i]!;
      }
      word += c;
      offs.push(at[i]!);
    }
    if (word === '--') return { flags, rest: i };
    flags.push({ s: word, at: offs });
  }
}

/** The value of a `--name=value` flag word, or null. */
function flagValue(flag: Word, name: string): Word | null {
  const prefix = `--${name}=`;
  if (flag.s.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  return { s: flag.s.slice(prefix.length), at: flag.at.slice(prefix.length) };
}

/** Go's encoding/csv over one line, keeping offsets: `type=cache,from=img,"target=/a,b"`. */
function csvFields(word: Word): Word[] {
  const fields: Word[] = [];
  const { s, at } = word;
  let i = 0;
  while (i <= s.length) {
    let f = '';
    const offs: number[] = [];
    if (s[i] === '"') {
      i++;
      while (i < s.length) {
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            f += '"';
            offs.push(at[i + 1]!);
            i += 2;
            continue;
          }
          i++;
          break;
        }
        f += s[i];
        offs.push(at[i]!);
        i++;
      }
      while (i < s.length && s[i] !== ',') i++;
    } else {
      while (i < s.length && s[i] !== ',') {
        f += s[i];
        offs.push(at[i]!);
        i++;
      }
    }
    fields.push({ s: f, at: offs });
    i++;
  }
  return fields;
}

/** The fields of a CSV line as Go's encoding/csv reads them: `id=a,"src=/b,c"` → `id=a`, `src=/b,c`. */
export function splitCsv(line: string): string[] {
  return csvFields({ s: line, at: new Array<number>(line.length).fill(0) }).map((f) => f.s);
}

/** The references one instruction holds, in order. */
function referencesOf(
  text: string,
  escape: string,
  node: InstructionNode,
): Array<[ImageReferenceSite['kind'], Word]> {
  const p = node.position;
  if (!p) return [];
  const chars = logicalChars(text, escape, p.offset, p.endOffset);
  let i = 0;
  while (i < chars.s.length && isSpace(chars.s[i]!)) i++;
  while (i < chars.s.length && !isSeparator(chars.s[i]!)) i++;
  const { flags, rest } = flagWords(chars, i);
  const out: Array<[ImageReferenceSite['kind'], Word]> = [];
  if (node.keyword === 'FROM') {
    let e = rest;
    while (e < chars.s.length && !isSeparator(chars.s[e]!)) e++;
    if (e > rest) out.push(['from', { s: chars.s.slice(rest, e), at: chars.at.slice(rest, e) }]);
  } else if (node.keyword === 'COPY') {
    for (const flag of flags) {
      const v = flagValue(flag, 'from');
      if (v) out.push(['copy', v]);
    }
  } else if (node.keyword === 'RUN') {
    for (const flag of flags) {
      const v = flagValue(flag, 'mount');
      if (!v) continue;
      for (const field of csvFields(v)) {
        const eq = field.s.indexOf('=');
        if (eq !== -1 && field.s.slice(0, eq).trim().toLowerCase() === 'from') {
          out.push(['mount', { s: field.s.slice(eq + 1), at: field.at.slice(eq + 1) }]);
        }
      }
    }
  }
  return out;
}

/**
 * Every image a Dockerfile pulls by name: FROM images (not earlier stages, not `scratch`),
 * `COPY --from=<image>` and `RUN --mount=…,from=<image>`, located in the text so that a
 * digest can be written into the reference and nothing else. References through variables
 * (`FROM node:${V}`) are listed too; ONBUILD triggers are not (they run in another build).
 *
 * @example
 * ```ts
 * imageReferences('FROM node:22 AS build\nFROM nginx\nCOPY --from=build /a /b\n').map((r) => r.ref)
 * // ['node:22', 'nginx']
 * ```
 */
export function imageReferences(
  text: string,
  tree: DockerfileNode = parse(text),
): ImageReferenceSite[] {
  const escape = tree.escape;
  const images = new Map<InstructionNode, Array<{ kind: string; ref: string }>>();
  for (const stage of stages(tree).stages) {
    for (const dep of stage.dependencies) {
      if (dep.image === null || dep.image.toLowerCase() === 'scratch') continue;
      const list = images.get(dep.node) ?? [];
      images.set(dep.node, list);
      list.push({ kind: dep.kind, ref: dep.ref });
    }
  }
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const sites: ImageReferenceSite[] = [];
  for (const [node, wanted] of images) {
    const found = referencesOf(text, escape, node);
    for (const [kind, word] of found) {
      const k = wanted.findIndex((w) => w.kind === kind && w.ref === word.s);
      if (k === -1 || word.at.length === 0) continue;
      wanted.splice(k, 1);
      const start = word.at[0]!;
      const end = word.at[word.at.length - 1]! + 1;
      const line = upperBound(lineStarts, start);
      sites.push({
        kind,
        ref: word.s,
        line,
        column: start - lineStarts[line - 1]! + 1,
        start,
        end,
        editable: end - start === word.s.length && text.slice(start, end) === word.s,
        node,
      });
    }
  }
  return sites.sort((a, b) => a.start - b.start);
}

/** The 1-based line holding `offset`. */
function upperBound(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
