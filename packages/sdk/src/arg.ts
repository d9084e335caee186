import { DockerfileBuildError, show } from './dockerfile-build-error.js';
import { describe, isLiteral } from './literal.js';

/** A reference to an ARG: the string `${NAME}`, typed as that literal so templates stay checkable. */
export type ArgRef<Name extends string> = `\${${Name}}`;

/** The name of an {@link ArgRef}. */
export type ArgRefName<R extends string> = R extends `\${${infer N}}` ? N : never;

/** What `arg()` remembers about a reference: a String object carrying the name and default. */
interface ArgRefObject {
  readonly argName: string;
  /** A string or a `literal()`. */
  readonly defaultValue: unknown;
}

const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkArgName(method: string, name: string): string {
  if (!ARG_NAME.test(name)) {
    throw new DockerfileBuildError(
      method,
      `the ARG name must match ${ARG_NAME.source}: ${show(name)}`,
    );
  }
  return name;
}

/**
 * Declares an ARG reference to pass to a builder's `arg()`, and to use inside strings, where
 * it prints as `${NAME}`.
 *
 * @example
 * ```ts
 * const nodeVersion = arg('NODE_VERSION', '22');
 * dockerfile().arg(nodeVersion).from(`node:${nodeVersion}-slim`).toString();
 * // ARG NODE_VERSION=22
 * //
 * // FROM node:${NODE_VERSION}-slim
 * ```
 */
export function arg<const Name extends string>(name: Name, defaultValue?: string): ArgRef<Name> {
  if (typeof name !== 'string') {
    throw new DockerfileBuildError('arg', `the name must be a string, got ${describe(name)}`);
  }
  if (defaultValue !== undefined && typeof defaultValue !== 'string' && !isLiteral(defaultValue)) {
    throw new DockerfileBuildError(
      'arg',
      `the default value must be a string, got ${describe(defaultValue)}`,
    );
  }
  checkArgName('arg', name);
  // A String object: template literals and String() print `${NAME}`, the builder reads the default.
  const ref = Object.assign(new String(`\${${name}}`), {
    argName: name,
    defaultValue: defaultValue === undefined ? null : defaultValue,
  });
  return Object.freeze(ref) as unknown as ArgRef<Name>;
}

/**
 * The name and default of an ARG given as a reference (`arg()`, or a `'${NAME}'` string unless
 * `objectOnly`), or null.
 */
export function readArgRef(
  value: unknown,
  objectOnly = false,
): { name: string; defaultValue: unknown } | null {
  if (value instanceof String && typeof (value as unknown as ArgRefObject).argName === 'string') {
    const ref = value as unknown as ArgRefObject;
    return { name: ref.argName, defaultValue: ref.defaultValue };
  }
  if (objectOnly || typeof value !== 'string') return null;
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value);
  return m ? { name: m[1]!, defaultValue: null } : null;
}
