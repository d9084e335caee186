import { type EscapeChar, type InstructionNode, withArgumentsText } from '@dockwright/ast';
import { wordMeaning } from '../internal/word-meaning.js';
import type { RuleContext } from '../rule-context.js';
import type { Fix } from '../types.js';

/**
 * Writes a legacy value (`ENV k a b c`, where BuildKit takes the whole rest as the value) as
 * one `k=v` word with the same meaning: as it is when it has no unquoted whitespace, in
 * double quotes when it holds no quote or escape character, else with each unquoted
 * whitespace character escaped.
 *
 * @example
 * ```ts
 * quoteLegacyValue('b c', '\\') // '"b c"'
 * ```
 */
export function quoteLegacyValue(value: string, escape: EscapeChar): string {
  if (!hasUnquotedSpace(value, escape)) return value;
  if (!/["']/.test(value) && !value.includes(escape)) return `"${value}"`;
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === escape && quote !== "'") {
      out += c + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (quote === null && (c === '"' || c === "'")) quote = c;
    else if (quote === c) quote = null;
    out += quote === null && /\s/.test(c) ? escape + c : c;
  }
  return out;
}

function hasUnquotedSpace(value: string, escape: EscapeChar): boolean {
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === escape && quote !== "'") {
      i++;
      continue;
    }
    if (quote === null && (c === '"' || c === "'")) quote = c;
    else if (quote === c) quote = null;
    else if (quote === null && /\s/.test(c)) return true;
  }
  return false;
}

/**
 * `ENV k v…` → `ENV k=v…`, kept only when the new node's key and value mean exactly what
 * the old ones meant (`wordMeaning`: BuildKit's expansion, references kept and marked).
 */
export function legacyKeyValueFix(ctx: RuleContext, node: InstructionNode): Fix | null {
  if (node.args.length !== 3 || node.args[2] !== '') return null;
  const key = node.args[0]!;
  const value = node.args[1]!;
  if (key.includes('=')) return null;
  const quoted = quoteLegacyValue(value, ctx.escape);
  const replacement = withArgumentsText(node, ` ${key}=${quoted}`, ctx.escape);
  if (replacement?.args.length !== 3 || replacement.args[2] !== '=') return null;
  const meaning = (word: string): string | null => wordMeaning(word, ctx.escape);
  const oldKey = meaning(key);
  const oldValue = meaning(value);
  const newKey = replacement.args[0]!;
  const newValue = replacement.args[1]!;
  // A word that reads back as written means what it meant: only a changed one is expanded.
  const same =
    oldKey !== null &&
    oldValue !== null &&
    (newKey === key || meaning(newKey) === oldKey) &&
    (newValue === value || meaning(newValue) === oldValue);
  if (!same) return null;
  return {
    description: `Write ${node.keyword} ${key}=${quoted}`,
    edits: [{ target: node, replacement }],
  };
}
