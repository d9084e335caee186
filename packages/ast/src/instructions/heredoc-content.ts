import type { Heredoc } from '../tree/nodes.js';

const LEADING_TABS = /^\t+/gm;

/**
 * The body of a heredoc as BuildKit uses it: for `<<-` (chomp) every line loses its leading
 * tabs (`parser.ChompHeredocContent`); otherwise the content as written.
 *
 * @example
 * ```ts
 * heredocContent(createHeredoc('EOF', '\techo hi\n\t\tdone\n', { chomp: true })) // 'echo hi\ndone\n'
 * ```
 */
export function heredocContent(heredoc: Heredoc): string {
  if (!heredoc.chomp || heredoc.content.indexOf('\t') < 0) return heredoc.content;
  LEADING_TABS.lastIndex = 0;
  return heredoc.content.replace(LEADING_TABS, '');
}
