/**
 * Encoders that make a user's string safe for its position in a Dockerfile line, following the
 * two layers BuildKit reads it through: the parser (line continuation, flag words, JSON arrays,
 * word splitting with quotes kept) and then, for the instructions the builder expands (ENV,
 * LABEL, ARG, WORKDIR, USER, STOPSIGNAL, COPY, ADD, VOLUME, EXPOSE, FROM, mount values),
 * `shell.Lex.ProcessWord` (quote removal, the escape char, `$` substitution).
 *
 * `$` followed by `{` or a name character stays a variable reference (that is what the typed
 * ARG references print); any other `$` is escaped and means a literal dollar.
 */
import { type EscapeChar, expand, findHeredocs } from '@dockwright/ast';
import { DockerfileBuildError, show } from './dockerfile-build-error.js';

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const NEWLINE = /[\n\r]/;
/** Go's unicode.IsSpace: what BuildKit trims and splits on. */
export const GO_SPACE =
  /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const GO_SPACE_EDGES =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Any string must be well-formed Unicode: a lone surrogate cannot be written as UTF-8. */
export function text(method: string, what: string, value: unknown): string {
  const s = String(value);
  if (LONE_SURROGATE.test(s)) {
    throw new DockerfileBuildError(
      method,
      `the ${what} must be valid Unicode (it holds a lone surrogate): ${show(s)}`,
    );
  }
  if (s.includes('\0'))
    throw new DockerfileBuildError(
      method,
      `the ${what} must not contain a NUL character: ${show(s)}`,
    );
  return s;
}

/** A string that must fit on one line. */
export function line(method: string, what: string, value: unknown): string {
  const s = text(method, what, value);
  if (NEWLINE.test(s))
    throw new DockerfileBuildError(method, `the ${what} must not contain a newline: ${show(s)}`);
  return s;
}

export function nonEmpty(method: string, what: string, value: unknown): string {
  const s = line(method, what, value);
  if (s.replace(GO_SPACE_EDGES, '') === '')
    throw new DockerfileBuildError(method, `the ${what} must not be empty: ${show(s)}`);
  return s;
}

export function trimGo(s: string): string {
  return s.replace(GO_SPACE_EDGES, '');
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_{]/.test(c);
}

/**
 * Every character {@link lexEscape} or {@link doubleQuote} may escape, for either escape char.
 * A word without one comes back unchanged, which spares the hot path a copy built a character
 * at a time.
 */
const MAY_NEED_ESCAPE = /[\\`"'$\u0085]/;

/**
 * Escapes a word for `ProcessWord` outside quotes: quotes and the escape char are escaped, a
 * `$` that does not start a reference too. Whitespace is left alone (callers quote or use JSON).
 */
export function lexEscape(s: string, esc: EscapeChar): string {
  // Most words hold nothing to escape: return them as they are instead of copying them.
  if (!MAY_NEED_ESCAPE.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    // U+0085 is escaped too: Go's unicode.IsSpace splits flag words on it, but the ast's
    // formatFlag (a JS \s test) does not quote it; escaped, it is literal for the lexer.
    if (c === esc || c === '"' || c === "'" || c === '\u0085') out += esc + c;
    else if (c === '$') out += isNameStart(s[i + 1]) ? c : esc + c;
    else out += c;
  }
  return out;
}

/** Inside double quotes `ProcessWord` lets the escape char escape only `"`, `$` and itself. */
export function doubleQuote(s: string, esc: EscapeChar): string {
  if (!MAY_NEED_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === esc || c === '"') out += esc + c;
    else if (c === '$') out += isNameStart(s[i + 1]) ? c : esc + c;
    else out += c;
  }
  return `${out}"`;
}

const BARE_VALUE = /^[A-Za-z0-9_./:@%+,~=^-]+$/;

/**
 * An ENV / LABEL / ARG value (or LABEL key): bare when it is plain, else double-quoted. It is
 * quoted whenever it holds whitespace, a quote, `$`, the escape char or anything unusual.
 */
export function quoteValue(method: string, what: string, value: unknown, esc: EscapeChar): string {
  return quoteLine(method, what, line(method, what, value), esc);
}

/**
 * A value the parser takes as the rest of the line (WORKDIR, USER, STOPSIGNAL) and the builder
 * expands: bare when plain, else double-quoted (which also keeps edge spaces and a leading `--`).
 */
export function quoteString(method: string, what: string, value: unknown, esc: EscapeChar): string {
  return quoteLine(method, what, nonEmpty(method, what, value), esc);
}

/** {@link quoteValue} for `s`, which {@link line} has checked already. */
function quoteLine(method: string, what: string, s: string, esc: EscapeChar): string {
  // A leading `-` is quoted: `--x=…` first on the line would be taken for a flag.
  const word = BARE_VALUE.test(s) && !s.startsWith('-') ? s : doubleQuote(s, esc);
  checkExpansion(method, what, s, word, esc);
  return word;
}

/** A `${…}` the lexer cannot read (`${a`, `${a:}`) fails the build: refuse it now. */
export function checkExpansion(
  method: string,
  what: string,
  original: string,
  word: string,
  esc: EscapeChar,
): void {
  if (!original.includes('$')) return;
  try {
    expand(word, () => 'x', { escape: esc });
  } catch (error) {
    throw new DockerfileBuildError(
      method,
      `the ${what} has a variable reference BuildKit cannot expand (${(error as Error).message}): ${show(original)}`,
      { cause: error },
    );
  }
}

/**
 * Paths for COPY, ADD and VOLUME. Each is escaped for `ProcessWord` (BuildKit expands them in
 * both forms); the JSON form is used when a word would be split, read as a flag, as a heredoc
 * or as JSON in the whitespace form.
 */
export function encodePaths(
  method: string,
  paths: readonly string[],
  esc: EscapeChar,
  allowJson: boolean,
): { words: string[]; json: boolean } {
  const words = paths.map((p) => {
    const s = nonEmpty(method, 'path', p);
    const w = lexEscape(s, esc);
    checkExpansion(method, 'path', s, w, esc);
    return w;
  });
  const needsJson = words.some(
    (w, i) =>
      GO_SPACE.test(w) || (i === 0 && (w.startsWith('[') || w.startsWith('-'))) || w.includes('<<'),
  );
  if (needsJson && !allowJson) {
    throw new DockerfileBuildError(
      method,
      `a path with whitespace, a leading "[" or "-", or "<<" needs the JSON form, which cannot hold a heredoc: ${show(paths.join(' '))}`,
    );
  }
  return { words, json: needsJson };
}

/** The continuation regex `([^E])E[ \t]*$|^E[ \t]*$` of BuildKit's parser. */
export function endsWithContinuation(s: string, esc: EscapeChar): boolean {
  let end = s.length;
  while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
  if (end === 0 || s[end - 1] !== esc) return false;
  return end === 1 || s[end - 2] !== esc;
}

function looksLikeJson(s: string): boolean {
  if (!s.startsWith('[')) return false;
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * Shell-form text (RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD): the shell, not BuildKit, reads it,
 * so it is written as given (edge whitespace trimmed, as BuildKit trims it) and refused where
 * the parser would read it as something else.
 */
export function shellText(
  method: string,
  value: unknown,
  esc: EscapeChar,
  heredocs: boolean,
): string {
  const raw = text(method, 'command', value);
  if (NEWLINE.test(raw)) {
    throw new DockerfileBuildError(
      method,
      `the command must not contain a newline (pass a list of commands, or heredoc(), for a script): ${show(raw)}`,
    );
  }
  const s = trimGo(raw);
  if (s === '')
    throw new DockerfileBuildError(method, `the command must not be empty: ${show(raw)}`);
  if (endsWithContinuation(s, esc)) {
    throw new DockerfileBuildError(
      method,
      `the command must not end with the escape character ${show(esc)} (it would continue the line): ${show(raw)}`,
    );
  }
  if (s.startsWith('--')) {
    throw new DockerfileBuildError(
      method,
      `the command must not start with "--" (BuildKit would read a flag): ${show(raw)}`,
    );
  }
  if (looksLikeJson(s)) {
    throw new DockerfileBuildError(
      method,
      `the command is a JSON array, which BuildKit reads as exec form: pass an array instead: ${show(raw)}`,
    );
  }
  if (heredocs && s.includes('<<')) {
    const found = findHeredocs(s);
    if (found.error !== null || found.heredocs.length > 0) {
      throw new DockerfileBuildError(
        method,
        `the command holds a heredoc marker, which would swallow the next lines: use heredoc(): ${show(raw)}`,
      );
    }
  }
  return s;
}

/** Exec-form elements: any well-formed string goes in JSON. */
export function execArgs(
  method: string,
  values: readonly unknown[],
  allowEmpty: boolean,
): string[] {
  if (!allowEmpty && values.length === 0)
    throw new DockerfileBuildError(method, 'the exec-form array must not be empty: []');
  return values.map((v) => text(method, 'argument', v));
}

const CSV_SPECIAL = /[",]/;

/** `key=value` CSV field for `--mount`, quoted the go-csvvalue way when needed. */
export function csvField(key: string, value: string): string {
  const field = `${key}=${value}`;
  return CSV_SPECIAL.test(field) || GO_SPACE.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
