import { type EscapeChar, type InstructionNode, parse } from '@dockwright/ast';
import { isolatedError } from '../isolated-error.js';

/**
 * The instruction that `text` (keyword included, line terminator and heredoc bodies
 * included) parses to, positioned and spaced like `node`; null when the text does not parse
 * to exactly one clean instruction. Fixes are text edits checked this way, so a fixed node
 * keeps its raws and prints exactly the edited text.
 */
export function reparseInstruction(
  node: InstructionNode,
  text: string,
  escape: EscapeChar,
): InstructionNode | null {
  const prefix = escape === '`' ? '# escape=`\n\n' : '';
  const tree = parse(prefix + text);
  if (tree.diagnostics.some((d) => isolatedError(d))) return null;
  const instructions = tree.children.filter((c) => c.type === 'instruction');
  if (instructions.length !== 1 || tree.children.length !== (prefix ? 2 : 1)) return null;
  const parsed = instructions[0] as InstructionNode;
  if (!parsed.raws || !node.raws) return null;
  if ((tree.raws?.after ?? '') !== '') return null;
  return Object.freeze({
    ...parsed,
    position: node.position,
    raws: Object.freeze({ ...parsed.raws, before: node.raws.before }),
  });
}

/** The source text of an instruction as printed from its raws (indent, keyword, rest). */
export function instructionText(node: InstructionNode): string | null {
  const raws = node.raws;
  if (!raws) return null;
  return raws.indent + raws.keyword + raws.rest;
}

/**
 * Splits an instruction's `rest` raw into the logical line (flags, arguments, continuation
 * lines) and what follows it (heredoc bodies).
 */
export function splitLogicalLine(
  rest: string,
  escape: EscapeChar,
): { logical: string; after: string } {
  const lines = rest.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let logical = '';
  let i = 0;
  const cont = continuationRegex(escape);
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    logical += line;
    const body = line.replace(/\r?\n$/, '');
    if (i > 0 && (/^[ \t]*$/.test(body) || /^[ \t]*#/.test(body))) continue; // skipped in a continuation
    if (!cont.test(body)) {
      i++;
      break;
    }
  }
  return { logical, after: lines.slice(i).join('') };
}

export function continuationRegex(escape: EscapeChar): RegExp {
  const e = escape === '`' ? '`' : '\\\\';
  return new RegExp(`(?:[^${e}]|^)${e}[ \\t]*$`);
}
