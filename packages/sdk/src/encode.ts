/**
 * Encoders that make a user's string exact in its position of a Dockerfile line, following the
 * layers BuildKit reads it through: the parser (line continuation, flag words, JSON arrays,
 * word splitting with quotes kept), then, for the instructions it expands (ENV, LABEL, ARG,
 * WORKDIR, USER, STOPSIGNAL, COPY, ADD, VOLUME, EXPOSE, FROM, `--chown`, mount values from
 * dockerfile 1.3 on), `shell.Lex.ProcessWord` (quote removal, the escape char, `$`).
 *
 * The output must mean the same to every frontend that may read it: Docker 20.10's built-in
 * one when no `# syntax=` line is written, and the newer ones other engines build in. Where
 * they differ and no encoding serves both, the value needs a pinned frontend or is refused.
 *
 * `$` followed by `{` or a name character stays a variable reference (what `arg()` references
 * print) unless the value is a `literal()`; any other `$` is escaped and means a dollar.
 */
import type { EscapeChar } from '@dockwright/ast';
import { DockerfileBuildError, show } from './dockerfile-build-error.js';
import { checkReferences, type Scope } from './expansion.js';
import type { FrontendNeed } from './frontend.js';
import type { Word } from './read-input.js';

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** One test for the common case: neither a lone surrogate nor NUL (pairs do not match). */
const SURROGATE_OR_NUL = /[\uD800-\uDFFF\0]/u;
const NEWLINE = /[\n\r]/;
/** Go's unicode.IsSpace: what BuildKit trims and splits on. */
export const GO_SPACE =
  /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const GO_SPACE_EDGES =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const GO_SPACE_AT_EDGE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/** `the path`, but `options.chown` and `command[1]` as they are. */
export function subject(what: string): string {
  return /[.[]/.test(what) ? what : `the ${what}`;
}

/** Any string must be well-formed Unicode without NUL: a lone surrogate has no UTF-8. */
export function text(method: string, what: string, s: string): string {
  if (!SURROGATE_OR_NUL.test(s)) return s;
  if (LONE_SURROGATE.test(s)) {
    throw new DockerfileBuildError(
      method,
      `${subject(what)} must be valid Unicode (it holds a lone surrogate): ${show(s)}`,
    );
  }
  if (s.includes('\0')) {
    throw new DockerfileBuildError(
      method,
      `${subject(what)} must not contain a NUL character: ${show(s)}`,
    );
  }
  return s;
}

/** A string that must fit on one line. */
export function line(method: string, what: string, s: string): string {
  text(method, what, s);
  if (NEWLINE.test(s)) {
    throw new DockerfileBuildError(
      method,
      `${subject(what)} must not contain a newline: ${show(s)}`,
    );
  }
  return s;
}

export function nonEmpty(method: string, what: string, s: string): string {
  line(method, what, s);
  if (s.replace(GO_SPACE_EDGES, '') === '') {
    throw new DockerfileBuildError(method, `${subject(what)} must not be empty: ${show(s)}`);
  }
  return s;
}

export function trimGo(s: string): string {
  return s.replace(GO_SPACE_EDGES, '');
}

/** Whether `s` starts or ends with whitespace BuildKit trims. */
export function hasEdgeSpace(s: string): boolean {
  return GO_SPACE_AT_EDGE.test(s);
}

function startsReference(c: string | undefined): boolean {
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
 * `$` too unless it starts a reference (or every `$` of a literal). Whitespace is left alone
 * (callers quote or use JSON).
 */
export function lexEscape(s: string, esc: EscapeChar, literal = false): string {
  if (!MAY_NEED_ESCAPE.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    // U+0085 is escaped too: Go's unicode.IsSpace splits flag words on it, but the ast's
    // formatFlag (a JS \s test) does not quote it; escaped, it is literal for the lexer.
    if (c === esc || c === '"' || c === "'" || c === '\u0085') out += esc + c;
    else if (c === '$') out += !literal && startsReference(s[i + 1]) ? c : esc + c;
    else out += c;
  }
  return out;
}

/** Inside double quotes `ProcessWord` lets the escape char escape only `"`, `$` and itself. */
export function doubleQuote(s: string, esc: EscapeChar, literal = false): string {
  if (!MAY_NEED_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === esc || c === '"') out += esc + c;
    else if (c === '$') out += !literal && startsReference(s[i + 1]) ? c : esc + c;
    else out += c;
  }
  return `${out}"`;
}

const BARE_VALUE = /^[A-Za-z0-9_./:@%+,~=^-]+$/;
const LONG_WORD = 4096;

/** Where a word is expanded: the escape char, the variables it may use, the needs it adds. */
export interface Expanding {
  readonly esc: EscapeChar;
  readonly scope: Scope;
  readonly needs: FrontendNeed[] | null;
}

/**
 * An ENV / LABEL / ARG value or key: bare when it is plain, else double-quoted (which keeps
 * whitespace, `#`, a leading `-` and quotes). References are checked against `at.scope`.
 */
export function quoteValue(method: string, what: string, word: Word, at: Expanding): string {
  const s = line(method, what, word.text);
  // A long value is quoted even when plain: Docker 20.10's lexer builds an unquoted word a
  // character at a time (quadratic: seconds for 70,000 characters), a quoted one in a buffer.
  const encoded =
    BARE_VALUE.test(s) && !s.startsWith('-') && s.length <= LONG_WORD
      ? s
      : doubleQuote(s, at.esc, word.literal);
  checkReferences(method, subject(what), s, encoded, at.esc, at.scope, at.needs);
  return encoded;
}

/** A value the parser takes as the rest of the line (WORKDIR, USER, STOPSIGNAL): not empty. */
export function quoteString(method: string, what: string, word: Word, at: Expanding): string {
  nonEmpty(method, what, word.text);
  return quoteValue(method, what, word, at);
}

/**
 * A path BuildKit expands (COPY/ADD destination, VOLUME): escaped outside quotes, or
 * double-quoted when `quoteEdges` and it has edge whitespace (VOLUME trims each path before
 * expanding it; quotes keep the spaces).
 */
export function pathWord(
  method: string,
  what: string,
  word: Word,
  at: Expanding,
  quoteEdges: boolean,
): string {
  const s = nonEmpty(method, what, word.text);
  checkPathLength(method, what, s);
  const encoded =
    quoteEdges && hasEdgeSpace(s)
      ? doubleQuote(s, at.esc, word.literal)
      : lexEscape(s, at.esc, word.literal);
  checkReferences(method, subject(what), s, encoded, at.esc, at.scope, at.needs);
  return encoded;
}

/**
 * Whether COPY, ADD or VOLUME words need the JSON form: a word with whitespace would be split,
 * a first word starting with `[` read as JSON or with `-` as a flag, and `<<` as a heredoc
 * (dockerfile 1.4 and later look for heredocs in the whitespace form only).
 */
export function needsJsonForm(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (GO_SPACE.test(w) || w.includes('<<')) return true;
    if (i === 0 && (w.startsWith('[') || w.startsWith('-'))) return true;
  }
  return false;
}

/** Exec-form elements: any well-formed string goes in JSON. */
export function execArg(method: string, what: string, s: string): string {
  return text(method, what, s);
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A flag value as the flag word will hold it. BuildKit's flag splitter reads the line byte by
 * byte (`rune(line[pos])`, in every version so far), so a non-ASCII character comes out as
 * mojibake (`café` as `cafÃ©`) and no escape helps: refuse it. The splitter's escape char was
 * always `\` until dockerfile 1.15, which made it the file's escape char: in a file with
 * `# escape=\``, a value that needs an escape (`"`, `\`, `` ` ``) has no spelling both read the
 * same way.
 */
export function flagValue(method: string, what: string, value: string, esc: EscapeChar): string {
  line(method, what, value);
  if (NON_ASCII.test(value)) {
    throw new DockerfileBuildError(
      method,
      `${subject(what)} must be ASCII: BuildKit reads flag values byte by byte, which garbles other characters: ${show(value)}`,
    );
  }
  if (esc === '`' && /["\\`]/.test(value)) {
    throw new DockerfileBuildError(
      method,
      `${subject(what)} cannot hold '"', '\\' or '\`' in a file with "# escape=\`": frontends up to 1.14 escape flag values with "\\", later ones with "\`": ${show(value)}`,
    );
  }
  return value;
}

/** UTF-8 bytes of `s[from, to)` (a lone surrogate never gets here: the encoders refuse it). */
export function utf8Length(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * A path the engine creates or looks up (WORKDIR, a COPY destination, a VOLUME, a mount
 * target, a COPY source): Linux refuses a name longer than 255 bytes or a path longer than
 * 4,095, so the build would fail.
 */
export function checkPathLength(method: string, what: string, path: string): void {
  if (path.length > 85 && utf8Length(path) > 4095) {
    throw new DockerfileBuildError(
      method,
      `${subject(what)} is longer than 4,095 bytes, the longest path Linux takes: ${show(path)}`,
    );
  }
  if (path.length <= 85) return;
  for (const part of path.split('/')) {
    if (part.length > 85 && utf8Length(part) > 255) {
      throw new DockerfileBuildError(
        method,
        `${subject(what)} has a name longer than 255 bytes, the longest Linux takes: ${show(path)}`,
      );
    }
  }
}

const CSV_SPECIAL = /[",]/;

/** `key=value` CSV field for `--mount`, quoted the encoding/csv way when needed. */
export function csvField(key: string, value: string): string {
  const field = `${key}=${value}`;
  return CSV_SPECIAL.test(field) || GO_SPACE.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
