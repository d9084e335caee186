/** A JSON array that holds something other than strings (BuildKit refuses it). */
export const NOT_STRINGS = 'not strings';

/**
 * The JSON decoding BuildKit's `parseMaybeJSON` does (`json.Unmarshal` into
 * `[]interface{}`): the strings of the JSON array `src[from, to)`, {@link NOT_STRINGS} for a
 * valid JSON array holding anything else, or null when the text is not one JSON array (then
 * the instruction is in shell form). JSON's grammar is checked here rather than by catching
 * `JSON.parse`'s exception: a shell-form line that starts with `[` is common enough that
 * throwing for it would cost more than the rest of the parse.
 */
export function jsonStrings(
  src: string,
  from: number,
  to: number,
): string[] | typeof NOT_STRINGS | null {
  if (src.charCodeAt(from) !== 0x5b) return null;
  const out: string[] = [];
  let onlyStrings = true;
  let i = space(src, from + 1, to);
  if (i < to && src.charCodeAt(i) === 0x5d) return space(src, i + 1, to) === to ? out : null;
  for (;;) {
    if (i >= to) return null;
    const c = src.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(src, i, to);
      if (end < 0) return null;
      if (onlyStrings) out.push(decodeString(src, i + 1, end - 1));
      i = end;
    } else {
      i = valueEnd(src, i, to);
      if (i < 0) return null;
      onlyStrings = false;
    }
    i = space(src, i, to);
    if (i >= to) return null;
    const next = src.charCodeAt(i);
    if (next === 0x5d) break;
    if (next !== 0x2c) return null;
    i = space(src, i + 1, to);
  }
  if (space(src, i + 1, to) !== to) return null;
  return onlyStrings ? out : NOT_STRINGS;
}

/** JSON white space: space, tab, line feed, carriage return. */
function space(src: string, i: number, to: number): number {
  while (i < to) {
    const c = src.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}

/** Where the JSON string opening at `src[i]` ends (after its closing quote), or -1. */
function stringEnd(src: string, i: number, to: number): number {
  for (i++; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      if (++i >= to) return -1;
      const e = src.charCodeAt(i);
      if (e === 0x75) {
        for (let k = 1; k <= 4; k++) if (i + k >= to || !isHex(src.charCodeAt(i + k))) return -1;
        i += 4;
      } else if (!isSimpleEscape(e)) {
        return -1;
      }
    }
  }
  return -1;
}

/** The text of a JSON string whose body is `src[from, to)` (already checked). */
function decodeString(src: string, from: number, to: number): string {
  let firstEscape = from;
  while (firstEscape < to && src.charCodeAt(firstEscape) !== 0x5c) firstEscape++;
  if (firstEscape === to) return src.slice(from, to);
  let out = src.slice(from, firstEscape);
  for (let i = firstEscape; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c !== 0x5c) {
      out += src[i];
      continue;
    }
    const e = src[++i]!;
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u':
        out += String.fromCharCode(Number.parseInt(src.slice(i + 1, i + 5), 16));
        i += 4;
        break;
      default:
        out += e; // `"`, `\` or `/`
    }
  }
  return out;
}

/**
 * Where the JSON value (not a string) starting at `src[i]` ends, or -1. Arrays and objects
 * nest through a stack rather than recursion, so no depth of brackets overflows the stack.
 */
function valueEnd(src: string, i: number, to: number): number {
  // The open containers: true for an object (whose members are `"name": value`).
  const stack: boolean[] = [];
  for (;;) {
    // One value at `i`.
    if (i >= to) return -1;
    const c = src.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(src, i, to);
      if (i < 0) return -1;
    } else if (c === 0x5b || c === 0x7b) {
      const object = c === 0x7b;
      i = space(src, i + 1, to);
      if (i < to && src.charCodeAt(i) === (object ? 0x7d : 0x5d)) {
        i++;
      } else {
        stack.push(object);
        if (object) {
          i = member(src, i, to);
          if (i < 0) return -1;
        }
        continue;
      }
    } else {
      i = scalarEnd(src, i, to);
      if (i < 0) return -1;
    }
    // After a value: the next one in the innermost container, or the container's end.
    for (;;) {
      if (stack.length === 0) return i;
      const object = stack[stack.length - 1]!;
      i = space(src, i, to);
      if (i >= to) return -1;
      const next = src.charCodeAt(i);
      if (next === 0x2c) {
        i = space(src, i + 1, to);
        if (object) {
          i = member(src, i, to);
          if (i < 0) return -1;
        }
        break;
      }
      if (next !== (object ? 0x7d : 0x5d)) return -1;
      stack.pop();
      i++;
    }
  }
}

/** An object member's `"name":` at `src[i]`; returns where its value starts, or -1. */
function member(src: string, i: number, to: number): number {
  if (i >= to || src.charCodeAt(i) !== 0x22) return -1;
  i = stringEnd(src, i, to);
  if (i < 0) return -1;
  i = space(src, i, to);
  if (i >= to || src.charCodeAt(i) !== 0x3a) return -1;
  return space(src, i + 1, to);
}

/** A number or `true`, `false`, `null` at `src[i]`; where it ends, or -1. */
function scalarEnd(src: string, i: number, to: number): number {
  for (const word of ['true', 'false', 'null']) {
    if (src.startsWith(word, i) && i + word.length <= to) return i + word.length;
  }
  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, read no further than `to`.
  if (src.charCodeAt(i) === 0x2d) i++;
  if (i >= to) return -1;
  const first = src.charCodeAt(i);
  if (first === 0x30) i++;
  else if (isDigit(first)) i = digits(src, i, to);
  else return -1;
  if (i < to && src.charCodeAt(i) === 0x2e) {
    if (i + 1 >= to || !isDigit(src.charCodeAt(i + 1))) return -1;
    i = digits(src, i + 1, to);
  }
  const e = i < to ? src.charCodeAt(i) : -1;
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = i < to ? src.charCodeAt(i) : -1;
    if (sign === 0x2b || sign === 0x2d) i++;
    if (i >= to || !isDigit(src.charCodeAt(i))) return -1;
    i = digits(src, i, to);
  }
  return i;
}

function digits(src: string, i: number, to: number): number {
  while (i < to && isDigit(src.charCodeAt(i))) i++;
  return i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** `"`, `\`, `/`, `b`, `f`, `n`, `r`, `t`: the one-letter JSON escapes. */
function isSimpleEscape(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x5c ||
    c === 0x2f ||
    c === 0x62 ||
    c === 0x66 ||
    c === 0x6e ||
    c === 0x72 ||
    c === 0x74
  );
}
