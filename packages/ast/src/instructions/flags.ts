import type { Flag, InstructionNode } from '../tree/nodes.js';

/** The last `--name` flag (BuildKit keeps the last of a repeatable flag; a duplicate is an error). */
function lastFlag(node: InstructionNode, name: string): Flag | null {
  const flags = node.flags;
  for (let i = flags.length - 1; i >= 0; i--) {
    if (flags[i]!.name === name) return flags[i]!;
  }
  return null;
}

/** The value of a string flag, or null when absent; a bare `--name` gives `''`. */
export function stringFlag(node: InstructionNode, name: string): string | null {
  const flag = lastFlag(node, name);
  return flag === null ? null : (flag.value ?? '');
}

/** Every value of a repeatable flag (`--mount`, `--exclude`, `--device`), in order. */
export function stringsFlag(node: InstructionNode, name: string): string[] {
  const out: string[] = [];
  for (const flag of node.flags)
    if (flag.name === name && flag.value !== null) out.push(flag.value);
  return out;
}

/**
 * A BuildKit bool flag: absent gives `absent`, bare `--link` gives true, `--link=true|false`
 * (case-insensitive) the value; anything else (an error BuildKit reports) gives false.
 */
export function boolFlag<T>(node: InstructionNode, name: string, absent: T): boolean | T {
  const flag = lastFlag(node, name);
  if (flag === null) return absent;
  if (flag.value === null) return true;
  return flag.value.toLowerCase() === 'true';
}
