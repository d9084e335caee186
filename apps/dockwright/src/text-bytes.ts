/**
 * Files as text, byte for byte. BuildKit reads a Dockerfile as bytes, so a Latin-1 `é` (0xE9)
 * in a RUN command reaches the shell as that byte; decoding it as UTF-8 with U+FFFD and
 * writing that back would change the build. So each byte that is not part of valid UTF-8
 * becomes the lone surrogate U+DC80 + (byte - 0x80), as Python's `surrogateescape` does
 * (PEP 383): valid UTF-8 never decodes to a lone surrogate, so {@link encodeText} turns it
 * back into the very byte. Parser, rules and formatter see one ordinary character there.
 *
 * @example
 * ```ts
 * decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9])) // 'caf\udce9'
 * encodeText('caf\udce9') // <Buffer 63 61 66 e9>
 * ```
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return STRICT.decode(bytes);
  } catch {
    // Not valid UTF-8: decode the valid runs, escape each byte between them.
  }
  let out = '';
  let run = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += LENIENT.decode(bytes.subarray(run, i)) + String.fromCharCode(0xdc00 + bytes[i]!);
    i++;
    run = i;
  }
  return out + LENIENT.decode(bytes.subarray(run));
}

/** The bytes of `text`, each lone surrogate U+DC80–U+DCFF back to the byte it stands for. */
export function encodeText(text: string): Buffer {
  if (!ESCAPED.test(text)) return Buffer.from(text, 'utf8');
  const parts = text.split(ESCAPED_SPLIT);
  // split with a capture group: odd indices hold the escapes.
  return Buffer.concat(
    parts.map((part, i) =>
      i % 2 === 1 ? Buffer.of(part.charCodeAt(0) - 0xdc00) : Buffer.from(part, 'utf8'),
    ),
  );
}

// ignoreBOM keeps a leading byte-order mark in the text, so it is written back too.
const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LENIENT = new TextDecoder('utf-8', { ignoreBOM: true });
// With the `u` flag a class of surrogates matches only unpaired ones.
const ESCAPED = /[\udc80-\udcff]/u;
const ESCAPED_SPLIT = /([\udc80-\udcff])/u;

/**
 * The length of the valid UTF-8 sequence at `i`, or 0 when there is none (Unicode's table
 * 3-7 of well-formed byte sequences: no overlong forms, no surrogates, nothing past U+10FFFF).
 */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) length = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    length = 3;
    if (b === 0xe0) low = 0xa0;
    else if (b === 0xed) high = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    length = 4;
    if (b === 0xf0) low = 0x90;
    else if (b === 0xf4) high = 0x8f;
  } else return 0;
  if (i + length > bytes.length) return 0;
  const second = bytes[i + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const c = bytes[i + k]!;
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return length;
}
