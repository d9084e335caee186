import { isGoSpace } from '../syntax/words.js';
import type { EscapeChar, Flag, InstructionNode } from '../tree/nodes.js';

/** The first line of an instruction in the canonical style, without its terminator. */
export function canonicalLine(node: InstructionNode): string {
  let line = node.keyword;
  const flags = node.flags;
  for (let i = 0; i < flags.length; i++) line += ` ${formatFlag(flags[i]!)}`;
  const args = canonicalArgs(node);
  return args === '' ? line : `${line} ${args}`;
}

/** What follows the keyword and flags in the canonical style. */
function canonicalArgs(node: InstructionNode): string {
  if (node.trigger) return canonicalLine(node.trigger);
  const args = node.args;
  if (args.length === 0) return node.json ? '[]' : '';
  if ((node.keyword === 'ENV' || node.keyword === 'LABEL') && args.length % 3 === 0) {
    let pairs = '';
    for (let i = 0; i < args.length; i += 3) {
      if (i > 0) pairs += ' ';
      pairs += args[i]! + (args[i + 2] === '' ? ' ' : '=') + args[i + 1]!;
    }
    return pairs;
  }
  if (node.keyword === 'HEALTHCHECK') {
    const [type, ...command] = args;
    if (node.json) return `${type} ${formatJsonArray(command)}`;
    return command.length > 0 ? `${type} ${command.join(' ')}` : `${type}`;
  }
  if (node.json) return formatJsonArray(args);
  return args.join(' ');
}

/** Canonical lines longer than this put each flag on a continuation line of its own. */
const MAX_LINE = 100;

/**
 * A long instruction with flags (`RUN --mount=… --mount=… cmd`) is written one flag per
 * continuation line. That cannot change its meaning: BuildKit trims the text between flags
 * and after the last one. The arguments stay on one line unless they would start with `#`,
 * which BuildKit would take for a comment line inside the continuation.
 */
export function canonicalFirstLine(node: InstructionNode, eol: string, escape: EscapeChar): string {
  const line = canonicalLine(node);
  if (node.flags.length === 0 || line.length <= MAX_LINE) return line;
  const args = canonicalArgs(node);
  if (args.startsWith('#')) return line;
  const parts = [`${node.keyword} ${formatFlag(node.flags[0]!)}`];
  for (let i = 1; i < node.flags.length; i++) parts.push(formatFlag(node.flags[i]!));
  if (args !== '') parts.push(args);
  return parts.join(` ${escape}${eol}    `);
}

/**
 * `--name` or `--name=value`, the value double-quoted when BuildKit's flag splitter would
 * otherwise cut or unquote it (it treats whitespace, both quotes and `\` specially).
 */
export function formatFlag(f: Flag): string {
  if (f.value === null) return `--${f.name}`;
  const value = needsFlagQuotes(f.value) ? `"${f.value.replace(/["\\]/g, '\\$&')}"` : f.value;
  return `--${f.name}=${value}`;
}

/** Whitespace as BuildKit's flag splitter sees it (Go's `unicode.IsSpace`), quotes or `\`. */
function needsFlagQuotes(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x27 || c === 0x5c || isGoSpace(c)) return true;
  }
  return false;
}

/** A JSON array of strings the way the canonical style writes exec form: `["a", "b"]`. */
export function formatJsonArray(values: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) out += (i > 0 ? ', ' : '') + JSON.stringify(values[i]);
  return `${out}]`;
}
