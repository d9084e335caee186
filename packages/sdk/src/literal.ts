import { DockerfileBuildError } from './dockerfile-build-error.js';
import type { Literal } from './types.js';

/** The marker a {@link literal} String object carries (shared by every copy of the package). */
const LITERAL = Symbol.for('@dockwright/sdk.literal');

/**
 * Marks a value as literal text: BuildKit expands none of it, so every `$` (and `${…}`) in it
 * reaches the image as written. For values that come from configuration, passwords, or any
 * text that is not meant to name a build variable.
 *
 * @example
 * ```ts
 * stage.env('PASSWORD', literal('pa$$word')) // ENV PASSWORD="pa\$\$word"
 * stage.label('template', literal('${name}')) // LABEL template="\${name}"
 * ```
 */
export function literal(value: string): Literal {
  if (typeof value !== 'string' && !isLiteral(value)) {
    throw new DockerfileBuildError('literal', `the value must be a string, got ${describe(value)}`);
  }
  const ref = Object.assign(new String(String(value)), { [LITERAL]: true });
  return Object.freeze(ref) as unknown as Literal;
}

/** Whether `value` was made by {@link literal}. */
export function isLiteral(value: unknown): boolean {
  return value instanceof String && (value as unknown as Record<symbol, unknown>)[LITERAL] === true;
}

/** What a wrong argument is, for messages: `null`, `a number (3)`, `an object`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return `a ${typeof value} (${String(value)})`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'string':
      return `the string ${JSON.stringify(value)}`;
    default:
      return value instanceof String ? 'a String object' : 'an object';
  }
}
