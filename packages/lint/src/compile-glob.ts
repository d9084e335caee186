export interface GlobOptions {
  /** Read `{a,b}` as alternatives (shell style). Off for `.dockerignore`, where `{` is literal. */
  readonly braces?: boolean | undefined;
}

/** A compiled glob: match paths against it in time linear in the path's length. */
export interface Glob {
  /** The glob as written. */
  readonly source: string;
  /** Whether it has no wildcard, brace or class: it names exactly one path. */
  readonly literal: boolean;
  /**
   * The leading directories that hold no wildcard (`apps/web` for `apps/web/*\/Dockerfile`,
   * `''` for `**\/Dockerfile`): where a directory walk for this glob starts.
   */
  readonly base: string;
  /** Whether the `/`-separated relative path matches. */
  readonly test: (path: string) => boolean;
  /** Whether some path inside directory `dir` could match: a walk skips the others. */
  readonly canMatchInside: (dir: string) => boolean;
}

/**
 * Compiles a glob over `/`-separated relative paths, with moby/patternmatcher's rules (what
 * `.dockerignore` uses): `*` and `?` stay within one path component; `**` spans any number of
 * them, eats one `/` after it, and before anything else matches zero or more whole
 * directories (`**\/x` and `**x` both match `x` and `a/b/x`), while at the end it matches
 * everything (`a/**` matches `a/b/c`), and at the start before plain text it matches any path
 * ending in that text (moby's suffix match: `**.log` matches `a.log`); `[…]` is a class of characters and ranges (`[!…]` or
 * `[^…]` negates; a negated class never matches `/`); the escape `\` makes the next
 * character literal, also inside a class. With `braces`, `{a,b}` alternates, nested as deep
 * as wanted, as the CLI's file globs do; a `{` without its `}` is literal.
 *
 * moby compiles to a Go regular expression, which runs in linear time. A JavaScript RegExp
 * backtracks: `(?:.*\/)?` twelve times ran past a minute on a 25-directory path. So this
 * compiles to a Thompson automaton and follows every state at once: each path character is
 * read once, against at most a few states per glob character. A glob never throws: a
 * reversed range (`[z-a]`) matches nothing, an unclosed `[` is literal.
 *
 * @example
 * ```ts
 * compileGlob('**\/*.Dockerfile').test('a/b/web.Dockerfile') // true
 * compileGlob('{api,web}/Dockerfile', { braces: true }).test('web/Dockerfile') // true
 * compileGlob('apps/*\/Dockerfile').canMatchInside('apps/web/src') // false
 * compileGlob('**.log').test('logs/a.log') // true: moby's suffix match
 * ```
 */
export function compileGlob(glob: string, options?: GlobOptions): Glob {
  const tokens = tokenize(glob, options?.braces === true);
  const literal = tokens.every((t) => t.kind === CHAR);
  const text = literal ? tokens.map((t) => String.fromCodePoint(t.value)).join('') : '';
  const base = baseOf(tokens);
  if (literal) {
    return Object.freeze({
      source: glob,
      literal,
      base,
      test: (path: string) => path === text,
      canMatchInside: (dir: string) => text.startsWith(`${dir}/`),
    });
  }
  const rest = glob.slice(2);
  if (
    tokens[0]?.kind === DIRS &&
    tokens.slice(1).every((t) => t.kind === CHAR) &&
    !rest.includes('\\')
  ) {
    // moby's suffix match: `**` then plain text matches every path ending in that text
    // (`**.log` matches `a.log`; `**/x` matches `x` too).
    return Object.freeze({
      source: glob,
      literal,
      base,
      test: (path: string) =>
        path.endsWith(rest) || (rest.startsWith('/') && path === rest.slice(1)),
      canMatchInside: () => true,
    });
  }
  const r = runner(build(tokens));
  return Object.freeze({
    source: glob,
    literal,
    base,
    test: (path: string) => walk(r, path)?.match === true,
    canMatchInside: (dir: string) => walk(r, `${dir}/`)?.live === true,
  });
}

// 1. Tokens: one per glob character or construct, with braces resolved to groups.

const CHAR = 0; // one literal code point
const ANY = 1; // `?`: one character but `/`
const CLASS = 2; // `[…]`
const STAR = 3; // `*`: any run without `/`
const DIRS = 4; // `**` before more glob: zero or more whole directories, `(.*/)?`
const REST = 5; // `**` at the end: anything, `.*`
const OPEN = 6; // `{`
const COMMA = 7; // `,` inside braces
const CLOSE = 8; // `}`

interface Token {
  readonly kind: number;
  /** The code point of a CHAR (and of a brace character, should it turn out literal). */
  readonly value: number;
  /** The class of a CLASS. */
  readonly cls?: CharClass;
}

interface CharClass {
  readonly negated: boolean;
  /** Inclusive [low, high] code point pairs. */
  readonly ranges: readonly number[];
}

const SLASH = 0x2f;

function tokenize(glob: string, braces: boolean): Token[] {
  const cps = Array.from(glob, (c) => c.codePointAt(0)!);
  const out: Token[] = [];
  let i = 0;
  while (i < cps.length) {
    const c = cps[i]!;
    if (c === 0x2a /* * */) {
      if (cps[i + 1] === 0x2a) {
        i += 2;
        if (cps[i] === SLASH) i++;
        out.push({ kind: DIRS, value: 0 }); // REST is decided once braces are known
      } else {
        i++;
        out.push({ kind: STAR, value: 0 });
      }
    } else if (c === 0x3f /* ? */) {
      i++;
      out.push({ kind: ANY, value: 0 });
    } else if (c === 0x5b /* [ */) {
      const parsed = parseClass(cps, i + 1);
      if (parsed) {
        out.push({ kind: CLASS, value: 0, cls: parsed.cls });
        i = parsed.end;
      } else {
        i++;
        out.push({ kind: CHAR, value: c });
      }
    } else if (c === 0x5c /* \ */ && i + 1 < cps.length) {
      out.push({ kind: CHAR, value: cps[i + 1]! });
      i += 2;
    } else if (braces && (c === 0x7b || c === 0x2c || c === 0x7d) /* { , } */) {
      out.push({ kind: c === 0x7b ? OPEN : c === 0x2c ? COMMA : CLOSE, value: c });
      i++;
    } else {
      out.push({ kind: CHAR, value: c });
      i++;
    }
  }
  return resolveStructure(out);
}

/** `[` at `start - 1`: the class and the index after its `]`, or null when there is no `]`. */
function parseClass(cps: number[], start: number): { cls: CharClass; end: number } | null {
  let i = start;
  let negated = false;
  if (cps[i] === 0x21 /* ! */ || cps[i] === 0x5e /* ^ */) {
    negated = true;
    i++;
  }
  const ranges: number[] = [];
  let first = true;
  while (i < cps.length) {
    let c = cps[i]!;
    if (c === 0x5d /* ] */ && !first) return { cls: { negated, ranges }, end: i + 1 };
    first = false;
    if (c === 0x5c && i + 1 < cps.length) c = cps[++i]!;
    let high = c;
    if (cps[i + 1] === 0x2d /* - */ && i + 2 < cps.length && cps[i + 2] !== 0x5d) {
      i += 2;
      high = cps[i]!;
      if (high === 0x5c && i + 1 < cps.length) high = cps[++i]!;
    }
    ranges.push(c, high); // a reversed range holds nothing
    i++;
  }
  return null;
}

/**
 * Braces become structure only when they pair up: an unpaired `{` or `}`, and a `,` outside
 * any pair, are literal characters. A `**` is REST (anything) when nothing but the ends of
 * brace alternatives follows it, else DIRS.
 */
function resolveStructure(tokens: Token[]): Token[] {
  const paired = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === OPEN) open.push(i);
    else if (t.kind === CLOSE && open.length > 0) {
      paired.add(open.pop()!);
      paired.add(i);
    }
  }
  let depth = 0;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if ((t.kind === OPEN || t.kind === CLOSE) && !paired.has(i)) {
      out.push({ kind: CHAR, value: t.value });
    } else if (t.kind === COMMA && depth === 0) {
      out.push({ kind: CHAR, value: t.value });
    } else {
      if (t.kind === OPEN) depth++;
      else if (t.kind === CLOSE) depth--;
      out.push(t);
    }
  }
  for (let i = 0; i < out.length; i++) {
    if (out[i]!.kind !== DIRS) continue;
    let j = i + 1;
    while (j < out.length && (out[j]!.kind === CLOSE || out[j]!.kind === COMMA)) {
      // `,` ends this alternative: skip to the group's `}`.
      if (out[j]!.kind === COMMA) j = closeOf(out, j);
      else j++;
    }
    if (j >= out.length) out[i] = { kind: REST, value: 0 };
  }
  return out;
}

/** The index of the `}` closing the group a `,` at `i` is in. */
function closeOf(tokens: Token[], i: number): number {
  let depth = 0;
  for (let j = i + 1; j < tokens.length; j++) {
    const k = tokens[j]!.kind;
    if (k === OPEN) depth++;
    else if (k === CLOSE) {
      if (depth === 0) return j;
      depth--;
    }
  }
  return tokens.length;
}

function baseOf(tokens: Token[]): string {
  const parts: string[] = [];
  let component = '';
  for (const t of tokens) {
    if (t.kind !== CHAR) break;
    if (t.value === SLASH) {
      parts.push(component);
      component = '';
    } else component += String.fromCodePoint(t.value);
  }
  // An absolute glob keeps its root: `/srv/*` starts at `/srv`, `/*` at `/`.
  return parts.length === 1 && parts[0] === '' ? '/' : parts.join('/');
}

// 2. A Thompson automaton: states in typed arrays, epsilon moves through SPLIT and JUMP.

const S_CHAR = 0;
const S_ANY = 1; // any code point but `/`
const S_ALL = 2; // any code point
const S_CLASS = 3;
const S_SPLIT = 4;
const S_JUMP = 5;
const S_MATCH = 6;

interface Nfa {
  readonly kind: Uint8Array;
  readonly value: Int32Array;
  readonly out1: Int32Array;
  readonly out2: Int32Array;
  readonly classes: readonly CharClass[];
  readonly start: number;
  /** Scratch for `closure`: the generation each state was last added in. */
  readonly seen: Int32Array;
  generation: number;
}

/** A hole to fill with the next state: [state, 1 | 2]. */
type Hole = [number, 1 | 2];

function build(tokens: Token[]): Nfa {
  const kind: number[] = [];
  const value: number[] = [];
  const out1: number[] = [];
  const out2: number[] = [];
  const classes: CharClass[] = [];
  const state = (k: number, v = 0): number => {
    kind.push(k);
    value.push(v);
    out1.push(-1);
    out2.push(-1);
    return kind.length - 1;
  };
  const fill = (holes: Hole[], target: number): void => {
    for (const [s, slot] of holes) (slot === 1 ? out1 : out2)[s] = target;
  };
  // A sequence under construction: its first state (or -1 while empty) and its open ends.
  interface Seq {
    start: number;
    holes: Hole[];
  }
  interface Group {
    seq: Seq;
    alternatives: Seq[];
  }
  const append = (seq: Seq, start: number, holes: Hole[]): void => {
    if (seq.start < 0) seq.start = start;
    else fill(seq.holes, start);
    seq.holes = holes;
  };
  // `loop` is a SPLIT whose first branch consumes one character and comes back.
  const loop = (consume: number): { start: number; holes: Hole[] } => {
    const split = state(S_SPLIT);
    const eat = state(consume);
    out1[split] = eat;
    out1[eat] = split;
    return { start: split, holes: [[split, 2]] };
  };
  const stack: Group[] = [];
  let seq: Seq = { start: -1, holes: [] };
  for (const t of tokens) {
    switch (t.kind) {
      case CHAR: {
        const s = state(S_CHAR, t.value);
        append(seq, s, [[s, 1]]);
        break;
      }
      case ANY: {
        const s = state(S_ANY);
        append(seq, s, [[s, 1]]);
        break;
      }
      case CLASS: {
        const s = state(S_CLASS, classes.push(t.cls!) - 1);
        append(seq, s, [[s, 1]]);
        break;
      }
      case STAR:
      case REST: {
        const l = loop(t.kind === STAR ? S_ANY : S_ALL);
        append(seq, l.start, l.holes);
        break;
      }
      case DIRS: {
        // (.*/)? : skip, or any run then a `/`.
        const skip = state(S_SPLIT);
        const l = loop(S_ALL);
        const slash = state(S_CHAR, SLASH);
        out1[skip] = l.start;
        fill(l.holes, slash);
        append(seq, skip, [
          [skip, 2],
          [slash, 1],
        ]);
        break;
      }
      case OPEN:
        stack.push({ seq, alternatives: [] });
        seq = { start: -1, holes: [] };
        break;
      case COMMA:
        stack.at(-1)!.alternatives.push(seq);
        seq = { start: -1, holes: [] };
        break;
      case CLOSE: {
        const group = stack.pop()!;
        const alternatives = [...group.alternatives, seq];
        seq = group.seq;
        // A chain of SPLITs, one branch per alternative, each ending in one JUMP (so a
        // group has one open end, however deep the nesting).
        const join = state(S_JUMP);
        let first = -1;
        let previous = -1;
        for (let a = 0; a < alternatives.length; a++) {
          const alt = alternatives[a]!;
          let entry = join;
          if (alt.start >= 0) {
            entry = alt.start;
            fill(alt.holes, join);
          }
          if (a === alternatives.length - 1) {
            if (previous < 0) first = entry;
            else out2[previous] = entry;
          } else {
            const split = state(S_SPLIT);
            out1[split] = entry;
            if (previous < 0) first = split;
            else out2[previous] = split;
            previous = split;
          }
        }
        append(seq, first, [[join, 1]]);
        break;
      }
    }
  }
  const match = state(S_MATCH);
  append(seq, match, []);
  return {
    kind: Uint8Array.from(kind),
    value: Int32Array.from(value),
    out1: Int32Array.from(out1),
    out2: Int32Array.from(out2),
    classes,
    start: seq.start,
    seen: new Int32Array(kind.length),
    generation: 0,
  };
}

// 3. Running it: the set of live states after each code point. Each set met is kept as a
// state of a deterministic automaton, with its moves by code point filled in as they are
// first taken (RE2's lazy DFA), so a path already seen costs one lookup per character. The
// number kept is bounded; past it sets are worked out afresh each time, the same answer.

interface DfaState {
  /** The NFA states that read a character next, or are the match, sorted. */
  readonly states: Int32Array;
  readonly match: boolean;
  /** Whether a state that reads a character is among them: a longer path could match. */
  readonly live: boolean;
  /** Moves taken so far: by ASCII code (made on the first), then the rest. */
  ascii: (DfaState | undefined)[] | undefined;
  readonly other: Map<number, DfaState>;
}

const MAX_DFA_STATES = 2000;

interface Runner {
  readonly nfa: Nfa;
  readonly start: DfaState;
  readonly cache: Map<string, DfaState>;
}

function runner(nfa: Nfa): Runner {
  const cache = new Map<string, DfaState>();
  const start = dfaState(nfa, cache, closure(nfa, [nfa.start]));
  return { nfa, start, cache };
}

/** The DFA state after `path`, or null once no state is left. */
function walk(r: Runner, path: string): DfaState | null {
  let d = r.start;
  for (let i = 0; i < path.length; ) {
    const c = path.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    let next = c < 128 ? d.ascii?.[c] : d.other.get(c);
    if (next === undefined) {
      const moved: number[] = [];
      for (const s of d.states) if (accepts(r.nfa, s, c)) moved.push(r.nfa.out1[s]!);
      next = dfaState(r.nfa, r.cache, closure(r.nfa, moved));
      if (r.cache.size <= MAX_DFA_STATES) {
        if (c >= 128) d.other.set(c, next);
        else {
          d.ascii ??= new Array(128);
          d.ascii[c] = next;
        }
      }
    }
    if (next.states.length === 0) return null;
    d = next;
  }
  return d;
}

/** The states reachable from `from` without reading: SPLIT and JUMP followed, sorted. */
function closure(nfa: Nfa, from: number[]): Int32Array {
  if (nfa.generation > 0x3fffffff) {
    nfa.seen.fill(0);
    nfa.generation = 0;
  }
  const generation = ++nfa.generation;
  const out: number[] = [];
  const stack = from.slice();
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (nfa.seen[t] === generation) continue;
    nfa.seen[t] = generation;
    const k = nfa.kind[t]!;
    if (k === S_SPLIT) stack.push(nfa.out2[t]!, nfa.out1[t]!);
    else if (k === S_JUMP) stack.push(nfa.out1[t]!);
    else out.push(t);
  }
  return Int32Array.from(out).sort();
}

function dfaState(nfa: Nfa, cache: Map<string, DfaState>, states: Int32Array): DfaState {
  const key = states.join(',');
  const known = cache.get(key);
  if (known) return known;
  let match = false;
  let live = false;
  for (const s of states) {
    if (nfa.kind[s] === S_MATCH) match = true;
    else live = true;
  }
  const d: DfaState = { states, match, live, ascii: undefined, other: new Map() };
  if (cache.size < MAX_DFA_STATES) cache.set(key, d);
  return d;
}

function accepts(nfa: Nfa, s: number, c: number): boolean {
  switch (nfa.kind[s]) {
    case S_CHAR:
      return nfa.value[s] === c;
    case S_ANY:
      return c !== SLASH;
    case S_ALL:
      return true;
    case S_CLASS: {
      const { negated, ranges } = nfa.classes[nfa.value[s]!]!;
      let hit = false;
      for (let r = 0; r < ranges.length && !hit; r += 2) {
        hit = c >= ranges[r]! && c <= ranges[r + 1]!;
      }
      return negated ? !hit && c !== SLASH : hit;
    }
    default:
      return false;
  }
}
