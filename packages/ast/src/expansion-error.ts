/**
 * BuildKit refused to expand a word (`shell/lex.go`): a bad `${…}` form, an unterminated quote,
 * a `${v?msg}` whose variable is unset, or a glob with a bad escape.
 *
 * `reason` is BuildKit's own wording (`syntax error: bad substitution`, `missing '}'`,
 * `v: is not allowed to be unset`, …). `message` wraps it the way BuildKit's `ProcessWord` does:
 * `failed to process "<word>": <reason>`, with the word quoted like Go's `%q`.
 *
 * @example
 * ```ts
 * try { expand('${NAME:?needs a name}', {}) } catch (e) {
 *   // e instanceof ExpansionError
 *   // e.reason === 'NAME: needs a name'
 *   // e.message === 'failed to process "${NAME:?needs a name}": NAME: needs a name'
 * }
 * ```
 */
export class ExpansionError extends Error {
  override readonly name = 'ExpansionError';
  /** The word that was being expanded, as given. */
  readonly word: string;
  /** BuildKit's wording of the problem, without the `failed to process` prefix. */
  readonly reason: string;

  constructor(word: string, reason: string, options?: { cause?: unknown }) {
    super(`failed to process ${goQuote(word)}: ${reason}`, options);
    this.word = word;
    this.reason = reason;
  }
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's `strconv.Quote` (what `%q` prints), so messages read exactly like BuildKit's. */
function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x22) out += '\\"';
    else if (cp === 0x5c) out += '\\\\';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp === 0x07) out += '\\a';
    else if (cp === 0x08) out += '\\b';
    else if (cp === 0x0c) out += '\\f';
    else if (cp === 0x0a) out += '\\n';
    else if (cp === 0x0d) out += '\\r';
    else if (cp === 0x09) out += '\\t';
    else if (cp === 0x0b) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff)
      out += '\uFFFD'; // a lone surrogate is U+FFFD in UTF-8
    else if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
