/**
 * Run-time checks of what a caller passed, so plain JavaScript (or an `as any`) gets the
 * guarantees the types give: a wrong type throws a DockerfileBuildError that names the method,
 * the argument and what was expected, instead of printing `null` or `[object Object]` into the
 * Dockerfile. An object is never turned into text through its own `toString`: only strings,
 * `literal()` values and `arg()` references are text.
 */
import { readArgRef } from './arg.js';
import { DockerfileBuildError } from './dockerfile-build-error.js';
import { describe, isLiteral } from './literal.js';

/** A string argument, and whether `literal()` marked it. */
export interface Word {
  readonly text: string;
  readonly literal: boolean;
}

function wrongType(method: string, what: string, expected: string, value: unknown): never {
  throw new DockerfileBuildError(method, `${what} must be ${expected}, got ${describe(value)}`);
}

/** Whether `value` is text the builder takes: a string, a `literal()` or an `arg()` reference. */
export function isText(value: unknown): boolean {
  return typeof value === 'string' || isLiteral(value) || readArgRef(value, true) !== null;
}

/** A string argument (a `literal()` or `arg()` reference reads as its text). */
export function readString(method: string, what: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (isText(value)) return String(value);
  return wrongType(method, what, 'a string', value);
}

/** A string argument with its literal flag, for positions BuildKit expands. */
export function readWord(method: string, what: string, value: unknown): Word {
  if (typeof value === 'string') return { text: value, literal: false };
  if (isLiteral(value)) return { text: String(value), literal: true };
  return { text: readString(method, what, value), literal: false };
}

/** An options argument: absent, or a plain object. */
export function readOptions<T extends object>(method: string, value: T | undefined): T {
  if (value === undefined) return EMPTY as T;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isText(value)) {
    return wrongType(method, 'the options', 'an object', value);
  }
  return value;
}

const EMPTY = Object.freeze({});

/** An array argument without holes. */
export function readArray(method: string, what: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) return wrongType(method, what, 'an array', value);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) {
      throw new DockerfileBuildError(method, `${what}[${i}] is a hole in the array`);
    }
  }
  return value;
}

/** Each element of an array argument as a string. */
export function readStrings(method: string, what: string, value: unknown): string[] {
  const list = readArray(method, what, value);
  const out = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = readString(method, `${what}[${i}]`, list[i]);
  return out;
}

/** An optional boolean option. */
export function readBoolean(method: string, what: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  return wrongType(method, what, 'a boolean', value);
}

/** An optional integer option in `[min, max]`. */
export function readInteger(
  method: string,
  what: string,
  value: unknown,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return wrongType(method, what, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

/** An optional option that must be one of `allowed`. */
export function readChoice<T extends string>(
  method: string,
  what: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  return wrongType(method, what, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`, value);
}

/** An optional string option. */
export function readOptionalString(
  method: string,
  what: string,
  value: unknown,
): string | undefined {
  return value === undefined ? undefined : readString(method, what, value);
}
