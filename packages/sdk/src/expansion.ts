/**
 * The run-time half of the variable rule the types enforce (see `CheckVars`): in a position
 * BuildKit expands, every `$NAME` / `${NAME…}` the encoded word still holds must name a
 * declared variable. A value the compiler could not see (typed `string`) is checked here, so a
 * typo or a `$` from a config file is refused instead of silently expanding to nothing.
 */
import { type EscapeChar, expandWithMatches } from '@dockwright/ast';
import { DockerfileBuildError, show } from './dockerfile-build-error.js';
import { FEATURES, type FrontendNeed } from './frontend.js';

/** Which variables a position may expand, and how to say so in a message. */
export interface Scope {
  readonly has: (name: string) => boolean;
  /** Completes "…uses X, which is …": `not declared in this stage (…)`. */
  readonly missing: string;
  /** Whether to suggest `literal()` (pointless where a `$` can never be meant literally). */
  readonly literalHint?: boolean;
}

/** A scope that allows nothing: positions where no variable may appear. */
export const NO_VARIABLES: Scope = Object.freeze({
  has: () => false,
  missing: 'not a variable this position can expand',
});

const ALL = () => 'x';

/**
 * Checks the references in `word` (the encoded text BuildKit will expand) of the user's
 * `original` value: a form BuildKit cannot expand, or a name `scope` does not have, is refused;
 * forms newer than the built-in frontend of Docker 20.10 add their frontend need to `needs`.
 */
export function checkReferences(
  method: string,
  what: string,
  original: string,
  word: string,
  esc: EscapeChar,
  scope: Scope,
  needs: FrontendNeed[] | null,
): void {
  // The encoders escape every `$` that does not start a reference: no `$`, no reference.
  if (!word.includes('$')) return;
  let names: ReadonlySet<string>;
  try {
    names = expandWithMatches(word, ALL, { escape: esc }).matched;
  } catch (error) {
    throw new DockerfileBuildError(
      method,
      `${what} has a variable reference BuildKit cannot expand (${(error as Error).message}): ${show(original)}`,
      { cause: error },
    );
  }
  for (const name of names) {
    if (!scope.has(name)) {
      throw new DockerfileBuildError(
        method,
        `${what} uses ${name}, which is ${scope.missing}${scope.literalHint === false ? '' : '; wrap the value in literal() if the "$" is meant literally'}: ${show(original)}`,
      );
    }
  }
  if (needs !== null) referenceNeeds(word, original, esc, needs);
}

/** Go's `unicode.IsLetter`, `IsDigit` and `_`: what BuildKit reads as a variable name. */
const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/**
 * Adds the frontend a reference form needs: `${a-b}` and `${a+b}` (no colon) came with
 * dockerfile 1.6, `${a#p}`, `${a%p}` and `${a/p/r}` with 1.7; Docker 20.10's lexer fails on
 * them ("missing ':' in substitution").
 */
function referenceNeeds(
  word: string,
  original: string,
  esc: EscapeChar,
  needs: FrontendNeed[],
): void {
  const need = (n: FrontendNeed) =>
    needs.push({ ...n, feature: `${n.feature} in ${show(original)}` });
  let quote = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === esc) {
      i++;
      continue;
    }
    if (c === '"') quote = quote === '"' ? '' : '"';
    else if (c === "'" && quote === '') quote = "'";
    else if (c === '$' && word[i + 1] === '{') {
      let j = i + 2;
      while (j < word.length && NAME_CHAR.test(word[j]!)) j++;
      const op = word[j];
      if (op === '-' || op === '+') need(FEATURES.colonlessSubstitution);
      else if (op === '#' || op === '%' || op === '/') need(FEATURES.patternSubstitution);
    }
  }
}
