import { viewArg } from '../instructions/view-arg.js';
import { expand } from '../shell/expand.js';
import type { DockerfileNode } from './nodes.js';
import { stages } from './stages.js';

/**
 * The values the ARGs before the first FROM give, as FROM lines see them (dockerfile2llb's
 * meta args): each default expanded in order, against `env` and the ARGs before it. `env`
 * holds what the caller knows beforehand (the platform ARGs, `--build-arg` values) and is
 * filled in and returned. An ARG without a default, or whose default does not expand (BuildKit
 * fails the build there), leaves its variable as it was.
 *
 * @example
 * ```ts
 * globalArgValues(parse('ARG V=3.20\nARG IMAGE=alpine:${V}\nFROM ${IMAGE}\n'))
 * // Map { 'V' => '3.20', 'IMAGE' => 'alpine:3.20' }
 * ```
 */
export function globalArgValues(
  tree: DockerfileNode,
  env: Map<string, string> = new Map(),
): Map<string, string> {
  const lookup = (name: string) => env.get(name);
  for (const node of stages(tree).globalArgs) {
    for (const arg of viewArg(node, tree.escape).args) {
      if (arg.value === null) continue;
      // The default as written: expansion removes its quotes and escapes in the same pass, as
      // BuildKit's shell lexer does (`'$HOME'` stays `$HOME`), so the unquoted value would be
      // read twice.
      const written = arg.raw.slice(arg.raw.indexOf('=') + 1);
      try {
        env.set(arg.name, expand(written, lookup, { escape: tree.escape }));
      } catch {
        // The build fails here in BuildKit; the variable keeps its value.
      }
    }
  }
  return env;
}
