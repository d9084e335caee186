import { parse } from '../parser/parse.js';
import type { EscapeChar, InstructionNode, InstructionRaws } from '../tree/nodes.js';

/**
 * The instruction that `text` parses to (keyword included, line terminator and heredoc bodies
 * included), standing where `node` stood: with its position and the blank lines before it, so
 * its neighbours print as they did. Null unless `text` is exactly one instruction that parses
 * without error (the file's `escape` in force), so a text edit that would change more than the
 * one instruction is refused. The new node prints `text`, byte for byte, until it is edited.
 *
 * @example
 * ```ts
 * const cmd = parse('FROM a\n\nCMD node app.js\n').children[1]
 * print(replaceInstructionText(cmd, 'CMD ["node", "app.js"]\n', '\\')!) // 'CMD ["node", "app.js"]\n'
 * replaceInstructionText(cmd, 'CMD a\nCMD b\n', '\\') // null: two instructions
 * ```
 */
export function replaceInstructionText(
  node: InstructionNode,
  text: string,
  escape: EscapeChar,
): InstructionNode | null {
  // A directive line sets the escape character the text is read with.
  const prefix = escape === '`' ? '# escape=`\n' : '';
  const tree = parse(prefix + text);
  const parsed = tree.children[tree.children.length - 1];
  if (tree.children.length !== (prefix ? 2 : 1) || parsed?.type !== 'instruction') return null;
  // The text alone has no FROM before it: only errors of the text itself count.
  for (let i = 0; i < tree.diagnostics.length; i++) {
    const d = tree.diagnostics[i]!;
    if (d.severity === 'error' && d.code !== 'NoBuildStage') return null;
  }
  const parsedRaws = parsed.raws;
  if (parsedRaws === undefined || parsedRaws.before !== '' || tree.raws?.after !== '') {
    return null;
  }
  const { type, keyword, flags, args, json, heredocs, trigger } = parsed;
  // The fields listed rather than spread (a spread costs more than the rest of this, per fix).
  const { indent, keyword: keywordRaw, rest, value } = parsedRaws;
  const raws: InstructionRaws = Object.freeze({
    before: node.raws?.before ?? '',
    indent,
    keyword: keywordRaw,
    rest,
    value,
  });
  return Object.freeze(
    node.position === undefined
      ? { type, keyword, flags, args, json, heredocs, trigger, raws }
      : { type, keyword, flags, args, json, heredocs, trigger, position: node.position, raws },
  );
}
