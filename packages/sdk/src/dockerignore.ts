import { DockerfileBuildError, show } from './dockerfile-build-error.js';
import { text, trimGo } from './encode.js';
import { readString } from './read-input.js';

/** A `.dockerignore` file, built immutably. */
export interface DockerignoreBuilder {
  /**
   * Adds patterns (one per line); `!pattern` re-includes. A pattern with a newline, or with
   * whitespace at either end (Docker trims it), throws a DockerfileBuildError.
   *
   * @example
   * ```ts
   * dockerignore().add('node_modules', '.git').toString() // 'node_modules\n.git\n'
   * ```
   */
  add(...patterns: readonly string[]): DockerignoreBuilder;
  /**
   * Adds a comment line.
   *
   * @example
   * ```ts
   * dockerignore().comment('dependencies').add('node_modules').toString() // '# dependencies\nnode_modules\n'
   * ```
   */
  comment(text: string): DockerignoreBuilder;
  /**
   * The file's text.
   *
   * @example
   * ```ts
   * dockerignore().add('dist').toString() // 'dist\n'
   * ```
   */
  toString(): string;
  /** The lines, without terminators. */
  readonly lines: readonly string[];
}

class Dockerignore implements DockerignoreBuilder {
  readonly #lines: readonly string[];
  constructor(lines: readonly string[]) {
    this.#lines = Object.freeze(lines);
    Object.freeze(this);
  }
  get lines(): readonly string[] {
    return this.#lines;
  }
  add(...patterns: readonly string[]): DockerignoreBuilder {
    const out = patterns.map((p, i) => {
      const s = text('add', `pattern ${i + 1}`, readString('add', `pattern ${i + 1}`, p));
      if (/[\r\n]/.test(s))
        throw new DockerfileBuildError('add', `a pattern must not contain a newline: ${show(s)}`);
      if (trimGo(s) === '')
        throw new DockerfileBuildError('add', `a pattern must not be empty: ${show(s)}`);
      // Docker's reader (moby/patternmatcher ignorefile.ReadAll) trims every line with
      // strings.TrimSpace, and the rest again after a leading "!": refuse what it would change.
      const body = s.startsWith('!') ? s.slice(1) : s;
      if (s.startsWith('!') && body === '')
        throw new DockerfileBuildError('add', `"!" must be followed by a pattern: ${show(s)}`);
      if (trimGo(s) !== s || trimGo(body) !== body) {
        throw new DockerfileBuildError(
          'add',
          `a pattern must not start or end with whitespace (Docker trims it): ${show(s)}`,
        );
      }
      // A line starting with # is a comment in .dockerignore: escape it so the pattern stays one.
      return s.startsWith('#') ? `\\${s}` : s;
    });
    return new Dockerignore([...this.#lines, ...out]);
  }
  comment(value: string): DockerignoreBuilder {
    const lines = text('comment', 'text', readString('comment', 'the text', value))
      .split(/\r?\n/)
      .map((l) => (l === '' ? '#' : `# ${l}`));
    return new Dockerignore([...this.#lines, ...lines]);
  }
  toString(): string {
    return this.#lines.map((l) => `${l}\n`).join('');
  }
}

/**
 * Starts a `.dockerignore`.
 *
 * @example
 * ```ts
 * dockerignore().comment('build output').add('dist', 'node_modules').toString()
 * // # build output
 * // dist
 * // node_modules
 * ```
 */
export function dockerignore(): DockerignoreBuilder {
  return new Dockerignore([]);
}
