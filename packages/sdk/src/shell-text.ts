/**
 * Shell-form text (RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD): the shell, not BuildKit, reads it,
 * so it is written as given, and refused where BuildKit would read it as something else.
 */
import { type EscapeChar, findHeredocs } from '@dockwright/ast';
import { DockerfileBuildError, show } from './dockerfile-build-error.js';
import { hasEdgeSpace, text, trimGo } from './encode.js';

const NEWLINE = /[\n\r]/;
const ASCII_EDGES = /^[ \t]+|[ \t]+$/g;

/** The continuation regex `([^E])E[ \t]*$|^E[ \t]*$` of BuildKit's parser. */
export function endsWithContinuation(s: string, esc: EscapeChar): boolean {
  let end = s.length;
  while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
  if (end === 0 || s[end - 1] !== esc) return false;
  return end === 1 || s[end - 2] !== esc;
}

/**
 * Whether BuildKit reads `s` as a JSON array (exec form). Docker 20.10 decodes only the first
 * JSON value (`json.Decoder.Decode`), so `["a"] && b` is exec form `["a"]` there, and an array
 * of non-strings is an error; later versions need the whole text to be JSON. Refusing any text
 * that starts with a complete JSON array covers both.
 */
export function startsWithJsonArray(s: string): boolean {
  if (!s.startsWith('[')) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        try {
          JSON.parse(s.slice(0, i + 1));
          return true;
        } catch {
          return false;
        }
      }
    }
  }
  return false;
}

/**
 * The text of one shell command. Spaces and tabs at its ends are dropped (BuildKit trims them
 * and the shell ignores them); other whitespace there (a no-break space, `\v`) is refused,
 * since BuildKit would trim what the shell keeps.
 */
export function shellText(
  method: string,
  what: string,
  raw: string,
  esc: EscapeChar,
  heredocs: boolean,
): string {
  text(method, what, raw);
  if (NEWLINE.test(raw)) {
    throw new DockerfileBuildError(
      method,
      `the ${what} must not contain a newline (pass a list of commands, or heredoc(), for a script): ${show(raw)}`,
    );
  }
  const s = raw.replace(ASCII_EDGES, '');
  if (s === '' || trimGo(s) === '') {
    throw new DockerfileBuildError(method, `the ${what} must not be empty: ${show(raw)}`);
  }
  if (hasEdgeSpace(s)) {
    throw new DockerfileBuildError(
      method,
      `the ${what} must not start or end with whitespace other than spaces and tabs (BuildKit trims it, the shell would not): ${show(raw)}`,
    );
  }
  if (endsWithContinuation(s, esc)) {
    throw new DockerfileBuildError(
      method,
      `the ${what} must not end with the escape character ${show(esc)} (it would continue the line): ${show(raw)}`,
    );
  }
  if (s.startsWith('--')) {
    throw new DockerfileBuildError(
      method,
      `the ${what} must not start with "--" (BuildKit would read a flag): ${show(raw)}`,
    );
  }
  if (startsWithJsonArray(s)) {
    throw new DockerfileBuildError(
      method,
      `the ${what} starts with a JSON array, which BuildKit reads as exec form: pass an array instead: ${show(raw)}`,
    );
  }
  if (heredocs && s.includes('<<')) {
    const found = findHeredocs(s);
    if (found.error !== null || found.heredocs.length > 0) {
      throw new DockerfileBuildError(
        method,
        `the ${what} holds a heredoc marker, which dockerfile 1.4 and later read as a heredoc: use heredoc(): ${show(raw)}`,
      );
    }
  }
  return s;
}

/**
 * Where a POSIX shell would start a comment in `s` (a `#` at the start of a word, outside
 * quotes), or -1. After a `$(` or a backtick the shell starts new contexts this scan does not
 * follow: from there any `#` at the start of a word counts, quoted or not, a conservative
 * reading that may refuse a harmless `#` but never misses a comment.
 */
export function shellCommentAt(s: string): number {
  let quote = '';
  let conservative = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (!conservative) {
      if (quote === "'") {
        if (c === "'") quote = '';
        continue;
      }
      if (c === '\\') {
        i++;
        continue;
      }
      if ((c === '$' && s[i + 1] === '(') || c === '`') {
        conservative = true;
        continue;
      }
      if (quote === '"') {
        if (c === '"') quote = '';
        continue;
      }
      if (c === '"' || c === "'") {
        quote = c;
        continue;
      }
    }
    if (c === '#' && (i === 0 || /[\s;&|()<>`]/.test(s[i - 1]!))) return i;
  }
  return -1;
}

/** Whether `s` ends inside single or double quotes (a backslash escapes outside them). */
export function unclosedQuote(s: string): boolean {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = '';
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote !== '';
}
