import { type ArgRef, arg } from '../arg.js';
import { DockerfileBuildError, show } from '../dockerfile-build-error.js';

/** The directory the recipes put the application in. */
export const APP_DIR = '/app';

/** A TCP port the app listens on: an integer from 1 to 65535. */
export function checkPort(method: string, port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DockerfileBuildError(
      method,
      `port must be an integer from 1 to 65535: ${show(port)}`,
    );
  }
  return port;
}

/** An image tag fragment (`3.12`, `22`, `22.11.0`): what may stand before `-slim`. */
export function checkVersion(method: string, what: string, version: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,100}$/.test(version)) {
    throw new DockerfileBuildError(
      method,
      `${what} must be an image tag such as 3.12 or 22: ${show(version)}`,
    );
  }
  return version;
}

/** `ARG <name>=<version>`, the version checked by {@link checkVersion}: the base image's tag. */
export function versionArg<const Name extends string>(
  method: string,
  name: Name,
  what: string,
  version: string,
): ArgRef<Name> {
  return arg(name, checkVersion(method, what, version));
}

/**
 * The healthcheck timing both recipes use: a probe every 10 s (the first 10 s after start,
 * failures during the first 5 s not counted), each given 5 s: the probe starts an interpreter,
 * which a loaded host can take seconds to do.
 */
export const HEALTHCHECK_TIMING = Object.freeze({
  interval: '10s',
  timeout: '5s',
  startPeriod: '5s',
  retries: 3,
});

/** A relative path inside the build context without `..`, spaces or newlines. */
export function checkRelativePath(method: string, what: string, path: string): string {
  if (!/^[A-Za-z0-9_.@+-][A-Za-z0-9_.@+/-]*$/.test(path) || path.split('/').includes('..')) {
    throw new DockerfileBuildError(
      method,
      `${what} must be a relative path inside the project: ${show(path)}`,
    );
  }
  return path;
}

/** An exec-form command: at least one word, none empty, no NUL. */
export function checkCommand(method: string, command: readonly string[]): string[] {
  if (
    !Array.isArray(command) ||
    command.length === 0 ||
    command.some((w) => typeof w !== 'string' || w.length === 0 || w.includes('\0'))
  ) {
    throw new DockerfileBuildError(
      method,
      `command must be a non-empty list of non-empty strings: ${show(command)}`,
    );
  }
  return [...command];
}

/**
 * A comment's text broken into lines of at most `width` characters (at spaces), so a long
 * sentence reads as a paragraph in the Dockerfile.
 *
 * @example
 * ```ts
 * wrapComment('one two three', 7) // 'one two\nthree'
 * ```
 */
export function wrapComment(text: string, width = 92): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
