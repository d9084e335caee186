import { type EscapeChar, expandWithMatches } from '@dockwright/ast';

// Every name counts as set, so `${v:?message}` does not stop the scan.
const SET = (): string => 'x';
const NONE: ReadonlySet<string> = new Set();

/**
 * The variables a word refers to, in the order first seen, found by ast's `expandWithMatches`
 * (BuildKit's `ProcessWordWithMatches`): every name the lexer looks up, those inside a
 * modifier's word included (`${A:-$B}` refers to A and B). A word the lexer rejects refers to
 * nothing here; `parse` reports it.
 *
 * @example
 * ```ts
 * varNames('${BASE:-alpine}:$TAG', '\\') // Set { 'BASE', 'TAG' }
 * ```
 */
export function varNames(word: string, escape: EscapeChar): ReadonlySet<string> {
  if (word.indexOf('$') < 0) return NONE;
  try {
    return expandWithMatches(word, SET, { escape }).matched;
  } catch {
    return NONE;
  }
}
