import { viewArg } from '../instructions/view-arg.js';
import { expand } from '../shell/expand.js';
import type { DockerfileNode } from './nodes.js';
import { stages } from './stages.js';

const NO_BUILD_ARGS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The values the ARGs before the first FROM give, as FROM lines see them (dockerfile2llb's
 * meta args): each default expanded in order, against `env` and the ARGs before it. `env`
 * holds what the caller knows beforehand (the platform ARGs) and is filled in and returned;
 * an ARG's default replaces what it held. `buildArgs` are `docker build --build-arg` values,
 * as BuildKit applies them: one replaces the default of an ARG the Dockerfile declares (with a
 * default or without), as it is written (not expanded), and changes nothing when no ARG
 * declares it. An ARG without a default or build argument, or whose default does not expand
 * (BuildKit fails the build there), leaves its variable as it was.
 *
 * @example
 * ```ts
 * globalArgValues(parse('ARG V=3.20\nARG IMAGE=alpine:${V}\nFROM ${IMAGE}\n'))
 * // Map { 'V' => '3.20', 'IMAGE' => 'alpine:3.20' }
 * globalArgValues(parse('ARG V=3.20\nARG IMAGE=alpine:${V}\nFROM ${IMAGE}\n'), new Map(), { V: '3.21' })
 * // Map { 'V' => '3.21', 'IMAGE' => 'alpine:3.21' }
 * ```
 */
export function globalArgValues(
  tree: DockerfileNode,
  env: Map<string, string> = new Map(),
  buildArgs: Readonly<Record<string, string>> = NO_BUILD_ARGS,
): Map<string, string> {
  const lookup = (name: string) => env.get(name);
  for (const node of stages(tree).globalArgs) {
    for (const arg of viewArg(node, tree.escape).args) {
      if (Object.hasOwn(buildArgs, arg.name)) {
        env.set(arg.name, buildArgs[arg.name]!);
        continue;
      }
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
