import type { Heredoc, InstructionNode } from '../tree/nodes.js';
import { boolFlag, stringFlag, stringsFlag } from './flags.js';
import { heredocName } from './heredoc-name.js';
import type { CopySource, CopyView } from './view-types.js';

/**
 * COPY and ADD: sources, destination and every flag. A source word that is a heredoc marker
 * (`<<EOF`) is matched to the node's heredoc of that name, as BuildKit's `parseSourcesAndDest`
 * does. With fewer than two arguments there is no destination.
 *
 * @example
 * ```ts
 * viewCopy(parse('COPY --from=build --chmod=755 /out/app /usr/local/bin/').children[0])
 * // { sources: [{ path: '/out/app', heredoc: null, isHeredoc: false }],
 * //   destination: '/usr/local/bin/', from: 'build', chmod: '755', link: false, … }
 * ```
 */
export function viewCopy(node: InstructionNode): CopyView {
  const args = node.args;
  const hasDest = args.length >= 2;
  const sources: CopySource[] = [];
  const end = hasDest ? args.length - 1 : args.length;
  for (let i = 0; i < end; i++) {
    const word = args[i]!;
    const name = node.json ? null : heredocName(word);
    if (name === null) {
      sources.push({ path: word, heredoc: null, isHeredoc: false });
    } else {
      sources.push({ path: name, heredoc: findHeredoc(node.heredocs, name), isHeredoc: true });
    }
  }
  const isAdd = node.keyword === 'ADD';
  return {
    keyword: isAdd ? 'ADD' : 'COPY',
    form: node.json ? 'exec' : 'shell',
    sources,
    destination: hasDest ? args[args.length - 1]! : null,
    from: stringFlag(node, 'from'),
    chown: stringFlag(node, 'chown'),
    chmod: stringFlag(node, 'chmod'),
    link: boolFlag(node, 'link', false),
    parents: boolFlag(node, 'parents', false),
    exclude: stringsFlag(node, 'exclude'),
    checksum: stringFlag(node, 'checksum'),
    keepGitDir: boolFlag(node, 'keep-git-dir', false),
    unpack: boolFlag(node, 'unpack', null),
  };
}

function findHeredoc(heredocs: readonly Heredoc[], name: string): Heredoc | null {
  // BuildKit builds a map by name, so the last heredoc of a name wins.
  for (let i = heredocs.length - 1; i >= 0; i--)
    if (heredocs[i]!.name === name) return heredocs[i]!;
  return null;
}
