import { DockerfileBuildError } from './dockerfile-build-error.js';
import { readString } from './read-input.js';

/** A list of shell commands RUN joins with ` && `, one per continuation line (see {@link commands}). */
export interface CommandList {
  readonly kind: 'commands';
  readonly commands: readonly string[];
}

/**
 * Commands for one RUN, joined with ` && ` over continuation lines in the canonical style.
 *
 * @example
 * ```ts
 * stage.run(commands('apt-get update', 'apt-get install -y curl'))
 * // RUN apt-get update \
 * //     && apt-get install -y curl
 * ```
 */
export function commands(...list: readonly string[]): CommandList {
  if (list.length === 0)
    throw new DockerfileBuildError('commands', 'at least one command is needed');
  const texts = list.map((c, i) => readString('commands', `command ${i + 1}`, c));
  return Object.freeze({ kind: 'commands', commands: Object.freeze(texts) });
}

export function isCommandList(value: unknown): value is CommandList {
  return typeof value === 'object' && value !== null && (value as CommandList).kind === 'commands';
}
