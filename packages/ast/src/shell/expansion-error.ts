import { goQuote } from '../syntax/go-quote.js';

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
