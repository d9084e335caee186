import { INSTRUCTION_KEYWORDS } from '@dockwright/ast';

/**
 * A set of instruction keywords as the bits of a number, one bit per keyword BuildKit knows: the
 * linter compares a rule's keywords with a file's, for every rule and file, to skip the rules
 * about instructions the file has none of.
 */
export type KeywordSet = number;

const BITS: ReadonlyMap<string, KeywordSet> = new Map(
  INSTRUCTION_KEYWORDS.map((keyword, i) => [keyword, 1 << i]),
);

/** The set holding one keyword; empty for a keyword BuildKit does not know. */
export function keywordBit(keyword: string): KeywordSet {
  return BITS.get(keyword) ?? 0;
}

/** The set holding these keywords. */
export function keywordSet(keywords: readonly string[]): KeywordSet {
  let set = 0;
  for (const k of keywords) set |= keywordBit(k);
  return set;
}
