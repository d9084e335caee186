/**
 * Splits a command line the way a POSIX shell would for simple commands: words separated by
 * blanks, single and double quotes, backslash escapes. Returns undefined when the line needs a
 * real shell to mean anything: several commands (`&&`, `||`, `;`, `|`), redirections, command
 * substitution or globs, so it cannot become an exec-form CMD as it is. `$NAME` and `${NAME}`
 * are kept as written (see {@link usesVariables}).
 *
 * @example
 * ```ts
 * shellWords('node server.js --port 8080') // ['node', 'server.js', '--port', '8080']
 * shellWords('npm run build && node dist') // undefined
 * ```
 */
export function shellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) {
        word += line[++i];
      } else if (c === '`') return undefined;
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if ('|&;<>()`*?[#'.includes(c) || (c === '$' && line[i + 1] === '(')) {
      // An operator, a glob, a comment or a substitution: this needs a shell.
      if (c === '#' && inWord) {
        word += c;
        continue;
      }
      return undefined;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(word);
  return words.length > 0 ? words : undefined;
}

/** Whether a word refers to an environment variable (`$PORT`, `${PORT}`). */
export function usesVariables(words: readonly string[]): boolean {
  return words.some((w) => /\$(\{?)[A-Za-z_]/.test(w));
}

/**
 * Leading `NAME=value` assignments of a command, split from the rest.
 *
 * @example
 * ```ts
 * splitAssignments(['NODE_ENV=production', 'node', 'app.js'])
 * // { assignments: ['NODE_ENV=production'], command: ['node', 'app.js'] }
 * ```
 */
export function splitAssignments(words: readonly string[]): {
  assignments: string[];
  command: string[];
} {
  let i = 0;
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] as string)) i++;
  return { assignments: words.slice(0, i), command: words.slice(i) };
}
