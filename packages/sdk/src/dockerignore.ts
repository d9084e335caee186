import { DockerfileBuildError, show } from './dockerfile-build-error.js';

/** A `.dockerignore` file, built immutably. */
export interface DockerignoreBuilder {
  /**
   * Adds patterns (one per line); `!pattern` re-includes.
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
    const out = patterns.map((p) => {
      const s = String(p);
      if (/[\r\n]/.test(s))
        throw new DockerfileBuildError('add', `a pattern must not contain a newline: ${show(s)}`);
      if (s.trim() === '')
        throw new DockerfileBuildError('add', `a pattern must not be empty: ${show(s)}`);
      // A line starting with # is a comment in .dockerignore: escape it so the pattern stays one.
      return s.startsWith('#') ? `\\${s}` : s;
    });
    return new Dockerignore([...this.#lines, ...out]);
  }
  comment(text: string): DockerignoreBuilder {
    const lines = String(text)
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
