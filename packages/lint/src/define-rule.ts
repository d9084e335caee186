import type { RuleContext } from './rule-context.js';
import type { Report, Rule, RuleMeta } from './types.js';

/** Declares a rule: its metadata and a check that reports findings through `report`. */
export function defineRule(
  meta: RuleMeta,
  check: (ctx: RuleContext, report: Report) => void,
): Rule {
  // Every rule's meta in one shape (the same fields in the same order, unset ones undefined),
  // so the engine's reads of it, for every rule and finding, stay monomorphic.
  const shaped: RuleMeta = {
    id: meta.id,
    source: meta.source,
    severity: meta.severity,
    description: meta.description,
    url: meta.url,
    experimental: meta.experimental,
    fixable: meta.fixable,
    checkConfig: meta.checkConfig,
    onbuild: meta.onbuild,
    keywords: meta.keywords,
    sameProblemAs: meta.sameProblemAs,
    examples: meta.examples,
  };
  return Object.freeze({ meta: Object.freeze(shaped), check });
}

/** BuildKit's documentation address for a rule name (`StageNameCasing` → `stage-name-casing`). */
export function buildkitUrl(name: string): string {
  const slug = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `https://docs.docker.com/go/dockerfile/rule/${slug}/`;
}

/** hadolint's wiki page for a DL code. */
export function hadolintUrl(code: string): string {
  return `https://github.com/hadolint/hadolint/wiki/${code}`;
}
