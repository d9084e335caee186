import type { EscapeChar, InstructionNode } from '../tree/nodes.js';
import { envPairs, keyValueTriplets } from './env-pairs.js';
import type { KeyValueView } from './view-types.js';

/**
 * ENV and LABEL: the pairs after quote removal, and whether the legacy `ENV key value` form was
 * used (BuildKit check LegacyKeyValueFormat). In the legacy form the whole rest of the line is
 * the value: `ENV ONE TWO= THREE=world` sets ONE to `TWO= THREE=world`.
 *
 * @example
 * ```ts
 * viewKeyValue(parse('LABEL "com.example.vendor"="ACME Inc"').children[0])
 * // { keyword: 'LABEL', pairs: [{ key: 'com.example.vendor', value: 'ACME Inc', … }], legacy: false }
 * ```
 */
export function viewKeyValue(node: InstructionNode, escapeChar: EscapeChar = '\\'): KeyValueView {
  const triplets = keyValueTriplets(node);
  return {
    keyword: node.keyword === 'LABEL' ? 'LABEL' : 'ENV',
    pairs: envPairs(node, escapeChar),
    legacy: triplets.some((t) => t[2] === ''),
  };
}
