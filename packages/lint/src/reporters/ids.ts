import type { Finding } from '../types.js';

/**
 * The message a one-id format carries: a finding several rules made names the others at the end,
 * so a reader of a checkstyle or Code Quality report still sees every id.
 *
 * @example
 * ```ts
 * messageWithIds({ ruleId: 'WorkdirRelativePath', alsoRuleIds: ['DL3000'], message: 'Relative…' })
 * // 'Relative… (also DL3000)'
 * ```
 */
export function messageWithIds(f: Pick<Finding, 'message' | 'alsoRuleIds'>): string {
  return f.alsoRuleIds?.length ? `${f.message} (also ${f.alsoRuleIds.join(', ')})` : f.message;
}
