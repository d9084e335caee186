import { INSTRUCTION_KEYWORDS } from '@dockwright/ast';

/**
 * A set of instruction keywords as the bits of a number, one bit per keyword BuildKit knows (bit
 * `1 << keywordNumber(k)`): the linter compares a rule's keywords with a file's, for every rule
 * and file, to skip the rules about instructions the file has none of.
 */
export type KeywordSet = number;

const NUMBERS: ReadonlyMap<string, number> = new Map(INSTRUCTION_KEYWORDS.map((k, i) => [k, i]));

/** How many keywords BuildKit knows: the numbers {@link keywordNumber} gives are below. */
export const KEYWORD_COUNT = INSTRUCTION_KEYWORDS.length;

/** A keyword's place among those BuildKit knows; -1 for one it does not know. */
export function keywordNumber(keyword: string): number {
  return NUMBERS.get(keyword) ?? -1;
}

/** The set holding these keywords (one BuildKit does not know adds nothing). */
export function keywordSet(keywords: readonly string[]): KeywordSet {
  let set = 0;
  for (const k of keywords) {
    const n = keywordNumber(k);
    if (n >= 0) set |= 1 << n;
  }
  return set;
}
