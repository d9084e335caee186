/**
 * Writes `JSON.stringify(value, null, 2)` in pieces of about 64 KiB. The JSON of a syntax
 * tree is 25 to 500 times the size of its Dockerfile (positions, raws, one diagnostic per bad
 * line), so for a file of a few megabytes the whole string would pass V8's limit on a
 * string's length (`Invalid string length`); in pieces it takes no more memory than the tree.
 * The outer `depth` levels (the tree, its lists) are walked here; each value below them (an
 * instruction, a diagnostic) is one `JSON.stringify`, indented to its place, which is much
 * faster than walking it. `write` returns false when the reader has gone, and the rest is
 * not produced.
 *
 * @example
 * ```ts
 * writeJson(parse('FROM alpine\n'), (chunk) => process.stdout.write(chunk))
 * ```
 */
export function writeJson(value: unknown, write: (chunk: string) => boolean, depth = 2): void {
  const writer = { buffer: '', open: true, write };
  emit(writer, resolve(value, ''), '', depth);
  if (writer.open && writer.buffer !== '') write(writer.buffer);
}

interface Writer {
  buffer: string;
  open: boolean;
  readonly write: (chunk: string) => boolean;
}

const CHUNK = 64 * 1024;

function put(w: Writer, s: string): void {
  if (!w.open) return;
  w.buffer += s;
  if (w.buffer.length >= CHUNK) {
    w.open = w.write(w.buffer);
    w.buffer = '';
  }
}

/** Whether JSON leaves this value out of an object (and writes null for it in an array). */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** The value JSON writes for `value` under `key`: what its `toJSON` gives, if it has one. */
function resolve(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object') {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return toJSON.call(value, key);
  }
  return value;
}

function emit(w: Writer, value: unknown, indent: string, depth: number): void {
  if (!w.open) return;
  if (value === null || typeof value !== 'object') {
    put(w, skipped(value) ? 'null' : JSON.stringify(value));
    return;
  }
  if (depth <= 0) {
    // JSON.stringify escapes newlines in strings: every one left is between lines.
    put(w, JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      put(w, '[]');
      return;
    }
    put(w, '[\n');
    for (let i = 0; i < value.length && w.open; i++) {
      put(w, i === 0 ? inner : `,\n${inner}`);
      emit(w, resolve(value[i], String(i)), inner, depth - 1);
    }
    put(w, `\n${indent}]`);
    return;
  }
  let first = true;
  for (const k of Object.keys(value)) {
    if (!w.open) return;
    const v = resolve((value as Record<string, unknown>)[k], k);
    if (skipped(v)) continue;
    put(w, first ? `{\n${inner}` : `,\n${inner}`);
    first = false;
    put(w, `${JSON.stringify(k)}: `);
    emit(w, v, inner, depth - 1);
  }
  put(w, first ? '{}' : `\n${indent}}`);
}
