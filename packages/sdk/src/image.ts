import { readString } from './read-input.js';
import type { ImageRef } from './types.js';

/**
 * An explicit image for `copy(…, { from })` and bind/cache mounts, so that a stage name
 * cannot be mistyped into an image pull.
 *
 * @example
 * ```ts
 * dockerfile().from('alpine:3.20').copy('/usr/bin/node', '/usr/local/bin/', { from: image('node:22-slim') })
 * // COPY --from=node:22-slim /usr/bin/node /usr/local/bin/
 * ```
 */
export function image(name: string): ImageRef {
  return Object.freeze({ kind: 'image', name: readString('image', 'the name', name) });
}
