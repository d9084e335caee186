import { type ShellCommand, shellCommand } from './command.js';

/** The commands a RUN script runs, as hadolint reads them through ShellCheck's parser. */
export interface ShellScript {
  /** The script text. */
  readonly text: string;
  /**
   * Every simple command, in ShellCheck's traversal order (a command before the commands
   * substituted into its words), including commands inside subshells, `$(…)`, backticks, process
   * substitutions, `if`/`for`/`while`/`case` bodies and function bodies.
   */
  readonly commands: readonly ShellCommand[];
  /** A `|` or `|&` pipe joins two commands somewhere in the script. */
  readonly hasPipes: boolean;
  /**
   * False when the text is not valid bash: ShellCheck's parser then yields no tree, so hadolint
   * sees no commands and no pipes.
   */
  readonly valid: boolean;
}

/** Reserved words that end a list (they close the compound command being read). */
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
/** What ends the list inside each compound command. */
const CLOSE_BRACE = new Set(['}']);
const CLOSE_THEN = new Set(['then']);
const CLOSE_BRANCH = new Set(['elif', 'else', 'fi']);
const CLOSE_FI = new Set(['fi']);
const CLOSE_DO = new Set(['do']);
const CLOSE_DONE = new Set(['done']);
const CLOSE_ESAC = new Set(['esac']);

/**
 * The reserved words the parser acts on: what {@link Parser.peekReserved} can return. Other
 * words (`echo`) are plain command words.
 */
const RESERVED =
  '! { } [[ case do done elif else esac fi for function if in select then time until while';
/** The reserved words by the code of their first character. */
const RESERVED_BY_FIRST: (readonly string[] | undefined)[] = [];
for (const word of RESERVED.split(' ')) {
  const c = word.charCodeAt(0);
  RESERVED_BY_FIRST[c] = [...(RESERVED_BY_FIRST[c] ?? []), word];
}

/** Character codes (plain constants: a TypeScript enum would be a property read each time). */
const TAB = 0x09; // \t
const NEWLINE = 0x0a; // \n
const RETURN = 0x0d; // \r
const SPACE = 0x20; // space
const BANG = 0x21; // !
const QUOTE = 0x22; // "
const HASH = 0x23; // #
const DOLLAR = 0x24; // $
const AMP = 0x26; // &
const APOS = 0x27; // '
const L_PAREN = 0x28; // (
const R_PAREN = 0x29; // )
const STAR = 0x2a; // *
const PLUS = 0x2b; // +
const COMMA = 0x2c; // ,
const MINUS = 0x2d; // -
const SEMI = 0x3b; // ;
const LT = 0x3c; // <
const EQ = 0x3d; // =
const GT = 0x3e; // >
const QUESTION = 0x3f; // ?
const AT = 0x40; // @
const L_BRACKET = 0x5b; // [
const BACKSLASH = 0x5c; // \
const R_BRACKET = 0x5d; // ]
const UNDERSCORE = 0x5f; // _
const BACKTICK = 0x60; // `
const L_BRACE = 0x7b; // {
const PIPE = 0x7c; // |
const R_BRACE = 0x7d; // }

/**
 * Character classes of ASCII, one bit each, so the scanning loops test a character with one
 * table read (characters from 128 up are plain word characters).
 */
const WORD_END = 1; // ends an unquoted word: blanks, newlines, operator characters
const WORD_SPECIAL = 2; // may be other than a plain character in an unquoted word
const EXTGLOB = 4; // starts an extglob when `(` follows: `@(a|b)`
const NAME_START = 8; // [A-Za-z_]
const NAME_CHAR = 16; // [A-Za-z0-9_]
const SPECIAL_PARAMETER = 32; // $0 … $9, $@, $*, $#, $?, $$, $!, $-
const RAW_WORD_END = 64; // ends a reserved word or a function name: WORD_END, quotes, `$`, `=`
const REDIRECTION_START = 128; // may start a redirection: `<`, `>`, `&>`, `2>`, `{fd}>`

const CLASS = new Uint8Array(128);
for (const c of ' \t\n\r;&|()<>') CLASS[c.charCodeAt(0)]! |= WORD_END;
for (const c of ' \t\n\r;&|()<>\'"`$\\*?[{+@!#') CLASS[c.charCodeAt(0)]! |= WORD_SPECIAL;
for (const c of '*?+@!') CLASS[c.charCodeAt(0)]! |= EXTGLOB;
for (const c of ' \t\n\r;&|()<>\'"`$=') CLASS[c.charCodeAt(0)]! |= RAW_WORD_END;
for (const c of '0123456789@*#?$!-') CLASS[c.charCodeAt(0)]! |= SPECIAL_PARAMETER;
for (const c of '<>&{0123456789') CLASS[c.charCodeAt(0)]! |= REDIRECTION_START;
CLASS[UNDERSCORE]! |= NAME_START | NAME_CHAR;
for (let c = 48; c <= 57; c++) CLASS[c]! |= NAME_CHAR;
for (let c = 65; c <= 90; c++) CLASS[c]! |= NAME_START | NAME_CHAR;
for (let c = 97; c <= 122; c++) CLASS[c]! |= NAME_START | NAME_CHAR;

/** Whether `c` (a char code, or -1 past the end) is in any of the classes `bits`. */
function is(c: number, bits: number): boolean {
  return c >= 0 && c < 128 && (CLASS[c]! & bits) !== 0;
}

/** What may follow a reserved word. */
function isDelimiter(c: number): boolean {
  return c === -1 || is(c, WORD_END);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `{fd}>file`: a redirection to a file descriptor named by a variable. */
const NAMED_FD = /\{[A-Za-z_][A-Za-z0-9_]*\}[<>]/y;
/** A bracket glob `[a-z]`, `[!.]*`, `[[:alpha:]]`. */
const BRACKET_GLOB = /\[[!^]?\]?(?:\[:[a-z]+:\]|\\.|[^\]\s'"`$\\])*\]/y;
/** What a bracket glob may hold before its `]`: it ends at a `]`, a blank, a quote, `$`, … */
const BRACKET_GLOB_BODY = /(?:\\.|[^\]\s'"`$\\])*/y;
/** ShellCheck's function shorthand `name ( )`. */
const FUNCTION_SHORTHAND = /[^\s;&|()<>'"`$=]+[ \t]*\([ \t]*\)/y;
const EXEC_FLAGS = /^-[cla]+$/;

class ShellSyntaxError extends Error {}

/**
 * Parses RUN text as bash (hadolint hands ShellCheck `#!/bin/bash` plus the script) and lists
 * the simple commands in it. Assignments before a command and redirections are not arguments.
 * A command whose name is not a literal word (`$CC -o x`) is skipped, as ShellCheck's
 * `getCommandName` gives none; `command`, `builtin`, `busybox` and `exec` resolve to the command
 * they run. Text bash would reject yields no commands (`valid: false`), as in hadolint; so does
 * nesting too deep for the reader's stack (hundreds of levels of `$(…)`).
 *
 * @example
 * ```ts
 * parseShell('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "curl" >/dev/null')
 *   .commands.map((c) => [c.name, ...c.args])
 * // [['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl']]
 * ```
 */
export function parseShell(text: string): ShellScript {
  const parser = new Parser(text);
  try {
    parser.script();
  } catch (error) {
    // A RangeError is the reader running out of stack: nesting hundreds of levels deep
    // (`$($($(…`), which no script needs. Such a script is read as one it cannot read, so lint
    // reports on the rest of the file rather than failing with a stack trace.
    if (error instanceof ShellSyntaxError || error instanceof RangeError) {
      return { text, commands: [], hasPipes: false, valid: false };
    }
    throw error;
  }
  return { text, commands: parser.commands, hasPipes: parser.pipes, valid: true };
}

/**
 * A recursive-descent reader over the script's char codes. Words are read as two strings: the
 * text hadolint's `simplify` gives (quotes removed, variables kept as `${NAME}`, command
 * substitutions as `${…}`), returned, and ShellCheck's `getLiteralString` (null when the word
 * holds an expansion or a glob), left in {@link Parser.literal} for the caller to read at once.
 */
class Parser {
  readonly commands: ShellCommand[] = [];
  pipes = false;
  private i = 0;
  private readonly s: string;
  private readonly n: number;
  /** The literal value of the word or word part just read (see the class comment). */
  private literal: string | null = null;
  /**
   * The reserved word at `reservedAt`, if any: where a command may start, the parser asks
   * several times (a list's end? a compound command?), so it is looked up once per position.
   */
  private reservedAt = -1;
  private reserved: string | null = null;
  /**
   * Where the next `(` and the next `=` are, at or after the position last asked about (-1:
   * none; -2: not looked for yet): a command without them ahead is neither a function
   * definition nor an assignment.
   */
  private paren = -2;
  private equals = -2;
  /** A position where no blank or comment starts (skipping space has stopped there). */
  private spaceSkipped = -1;
  /** A `[` before this position starts no bracket glob (see {@link wordPart}). */
  private noGlobUntil = -1;
  /**
   * The brace expansions between `bracesFrom` and `bracesTo`, by the position of their `{`, to
   * their end (see {@link braceExpansionEnd}).
   */
  private braceEnds: Map<number, number> | null = null;
  private bracesFrom = -1;
  private bracesTo = -1;
  /** Heredoc terminators whose bodies start after the next newline. */
  private heredocs: { delimiter: string; stripTabs: boolean }[] | null = null;

  constructor(text: string) {
    this.s = text;
    this.n = text.length;
  }

  script(): void {
    this.list(null);
    this.skipSpace();
    if (this.i < this.n) this.fail();
  }

  private fail(): never {
    throw new ShellSyntaxError();
  }

  private code(at = this.i): number {
    return at < this.n ? this.s.charCodeAt(at) : -1;
  }

  private startsWith(token: string): boolean {
    return this.s.startsWith(token, this.i);
  }

  /**
   * Blanks and line continuations between words; returns the character after them (-1 at the
   * end).
   */
  private skipBlanks(): number {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === SPACE || c === TAB || c === RETURN) i++;
      else if (c === BACKSLASH && s.charCodeAt(i + 1) === NEWLINE) i += 2;
      else {
        this.i = i;
        if (c !== HASH) this.spaceSkipped = i; // no blank or comment starts here
        return i < this.n ? c : -1;
      }
    }
  }

  /** Blanks, a comment to the end of the line. */
  private skipSpace(): void {
    // Each level of the grammar skips space where it starts and ends: done once per position.
    if (this.i === this.spaceSkipped) return;
    if (this.skipBlanks() === HASH) this.skipComment();
    this.spaceSkipped = this.i;
  }

  private skipComment(): void {
    const end = this.s.indexOf('\n', this.i);
    this.i = end < 0 ? this.n : end;
  }

  /** Blanks, comments and newlines (where a list may continue on the next line). */
  private skipLinebreaks(): void {
    for (;;) {
      this.skipSpace();
      if (this.code() !== NEWLINE) return;
      this.newline();
    }
  }

  /** Consumes a newline and the bodies of the heredocs begun on its line. */
  private newline(): void {
    this.i++;
    const pending = this.heredocs;
    if (pending === null) return;
    this.heredocs = null;
    const s = this.s;
    for (const { delimiter, stripTabs } of pending) {
      for (;;) {
        if (this.i >= this.n) return; // hadolint hands over RUN lines without their heredoc bodies
        let start = this.i;
        let end = s.indexOf('\n', start);
        if (end < 0) end = this.n;
        this.i = Math.min(end + 1, this.n);
        if (stripTabs) while (start < end && s.charCodeAt(start) === TAB) start++;
        if (end > start && s.charCodeAt(end - 1) === RETURN) end--; // one `\r` before `\n`
        if (end - start === delimiter.length && s.startsWith(delimiter, start)) break;
      }
    }
  }

  /** Where the next `(` at or after the current position is, -1 when there is none. */
  private nextParen(): number {
    if (this.paren !== -1 && this.paren < this.i) this.paren = this.s.indexOf('(', this.i);
    return this.paren;
  }

  /** Where the next `=` at or after the current position is, -1 when there is none. */
  private nextEquals(): number {
    if (this.equals !== -1 && this.equals < this.i) this.equals = this.s.indexOf('=', this.i);
    return this.equals;
  }

  /**
   * The end of the raw word here: the characters up to a blank, an operator, a quote, `$` or
   * `=` (a function name, `f()`, ends there).
   */
  private rawWordEnd(): number {
    const s = this.s;
    let j = this.i;
    while (j < this.n && !is(s.charCodeAt(j), RAW_WORD_END)) j++;
    return j;
  }

  /**
   * The reserved word at the current position, if a command would start here; null for any
   * other word.
   */
  private peekReserved(): string | null {
    if (this.reservedAt !== this.i) {
      this.reservedAt = this.i;
      this.reserved = this.reservedWordHere();
    }
    return this.reserved;
  }

  private reservedWordHere(): string | null {
    const c = this.code();
    const candidates = c >= 0 ? RESERVED_BY_FIRST[c] : undefined;
    if (candidates === undefined) return null;
    // Command names mostly differ from the candidates in their second character: tested first.
    const second = this.code(this.i + 1);
    for (const word of candidates) {
      if (word.length > 1 && word.charCodeAt(1) !== second) continue;
      // A reserved word is followed by a blank, an operator or the end.
      if (this.startsWith(word) && isDelimiter(this.code(this.i + word.length))) return word;
    }
    return null;
  }

  /**
   * A list of and-or lists separated by `;`, `&` or newlines, up to a closing word or `)`.
   * `collect` (the body of a `$(…)`) asks for hadolint's text of it (see {@link dollar}): the
   * texts of its and-or lists run together, less those run in the background. Otherwise ''.
   */
  private list(closers: ReadonlySet<string> | null, collect = false): string {
    let text = '';
    for (;;) {
      this.skipLinebreaks();
      if (this.i >= this.n) return text;
      const c = this.code();
      if (c === R_PAREN) return text;
      if (c === SEMI && this.code(this.i + 1) === SEMI) return text; // case item end
      if (c === SEMI && this.code(this.i + 1) === AMP) return text;
      const reserved = this.peekReserved();
      if (reserved !== null && CLOSERS.has(reserved)) {
        if (closers?.has(reserved)) return text;
        this.fail();
      }
      const statement = this.andOr(collect);
      this.skipSpace();
      const sep = this.code();
      if (sep === AMP && this.code(this.i + 1) !== AMP) {
        // In the background (ShellCheck's T_Backgrounded): no text.
        this.i++;
        // `foo &;` is ShellCheck's SC1045, a note: the parse goes on.
        this.skipBlanks();
        if (this.code() === SEMI && this.code(this.i + 1) !== SEMI) this.i++;
        continue;
      }
      text += statement;
      if (sep === SEMI && this.code(this.i + 1) !== SEMI && this.code(this.i + 1) !== AMP) {
        this.i++;
      } else if (sep === NEWLINE) {
        this.newline();
      } else {
        return text;
      }
    }
  }

  /** Pipelines joined by `&&` or `||`; with `collect`, the text of a lone pipeline. */
  private andOr(collect: boolean): string {
    let text = this.pipeline(collect);
    for (;;) {
      this.skipSpace();
      const c = this.code();
      if ((c === AMP || c === PIPE) && this.code(this.i + 1) === c) {
        this.i += 2;
        text = ''; // ShellCheck's T_AndIf / T_OrIf: no text
        this.skipLinebreaks();
        this.pipeline(false);
      } else {
        return text;
      }
    }
  }

  /**
   * Commands joined by `|` or `|&`, after any `!` and `time [-p]`. With `collect`, returns the
   * text of a lone command: ShellCheck reads `time -p cmd` as the simple command `time` whose
   * last word is the pipeline after it, so each `time` word counts, then the command if it is
   * alone and not under `!`. A pipeline under `!` (T_Banged) or of several commands gives ''.
   */
  private pipeline(collect: boolean): string {
    this.skipSpace();
    let text = '';
    let counts = collect; // whether the words still to come count
    for (;;) {
      const reserved = this.peekReserved();
      if (reserved === '!') {
        this.i++;
        this.skipSpace();
        counts = false;
      } else if (reserved === 'time') {
        this.i += 4;
        this.skipSpace();
        const p = this.startsWith('-p') && isDelimiter(this.code(this.i + 2));
        if (p) this.i += 2;
        this.skipSpace();
        if (counts) text += p ? 'time-p' : 'time';
      } else {
        break;
      }
    }
    const command = this.command(counts);
    for (;;) {
      this.skipSpace();
      if (this.code() === PIPE && this.code(this.i + 1) !== PIPE) {
        this.i += this.code(this.i + 1) === AMP ? 2 : 1;
        this.pipes = true;
        this.skipLinebreaks();
        this.command();
        counts = false;
      } else {
        return counts ? text + command : text;
      }
    }
  }

  /**
   * A simple or compound command. With `collect`, returns hadolint's text of a simple command
   * (its words run together); a compound command gives ''.
   */
  private command(collect = false): string {
    this.skipSpace();
    const c = this.code();
    if (c === -1 || c === NEWLINE || c === SEMI || c === AMP || c === PIPE) this.fail();
    if (c === R_PAREN) this.fail();
    if (c === L_PAREN) {
      if (this.code(this.i + 1) === L_PAREN) this.arithmeticCommand();
      else {
        this.i++;
        this.list(null);
        this.expect(')');
      }
      this.redirections();
      return '';
    }
    const reserved = this.peekReserved();
    switch (reserved) {
      case '{':
        this.i++;
        this.list(CLOSE_BRACE);
        this.expectWord('}');
        this.redirections();
        return '';
      case '[[':
        this.i += 2;
        this.condition();
        this.redirections();
        return '';
      case 'if':
        this.ifClause();
        this.redirections();
        return '';
      case 'for':
      case 'select':
        this.forClause(reserved);
        this.redirections();
        return '';
      case 'while':
      case 'until':
        this.i += reserved.length;
        this.list(CLOSE_DO);
        this.doGroup();
        this.redirections();
        return '';
      case 'case':
        this.caseClause();
        this.redirections();
        return '';
      case 'function':
        this.functionDefinition();
        return '';
      default:
        if (reserved !== null && CLOSERS.has(reserved)) this.fail();
        if (this.functionShorthand()) return '';
        return this.simpleCommand(collect);
    }
  }

  private expect(token: string): void {
    this.skipLinebreaks();
    if (!this.startsWith(token)) this.fail();
    this.i += token.length;
  }

  private expectWord(word: string): void {
    this.skipLinebreaks();
    if (this.peekReserved() !== word) this.fail();
    this.i += word.length;
  }

  private ifClause(): void {
    this.i += 2;
    this.list(CLOSE_THEN);
    this.expectWord('then');
    this.list(CLOSE_BRANCH);
    for (;;) {
      this.skipLinebreaks();
      const word = this.peekReserved();
      if (word === 'elif') {
        this.i += 4;
        this.list(CLOSE_THEN);
        this.expectWord('then');
        this.list(CLOSE_BRANCH);
      } else if (word === 'else') {
        this.i += 4;
        this.list(CLOSE_FI);
        this.expectWord('fi');
        return;
      } else {
        this.expectWord('fi');
        return;
      }
    }
  }

  private forClause(keyword: string): void {
    this.i += keyword.length;
    this.skipSpace();
    if (this.startsWith('((')) {
      this.arithmeticCommand();
    } else {
      this.word(); // the loop variable
      this.skipLinebreaks();
      if (this.peekReserved() === 'in') {
        this.i += 2;
        for (;;) {
          this.skipSpace();
          const c = this.code();
          if (c === -1 || c === NEWLINE || c === SEMI) break;
          // An operator in the list (`for x in a & b`) is bash's syntax error.
          this.nonEmptyWord();
        }
      }
    }
    this.skipSpace();
    if (this.code() === SEMI) this.i++;
    this.doGroup();
  }

  private doGroup(): void {
    this.skipLinebreaks();
    if (this.peekReserved() === '{') {
      // bash accepts `for x in y; { …; }` as well.
      this.i++;
      this.list(CLOSE_BRACE);
      this.expectWord('}');
      return;
    }
    this.expectWord('do');
    this.list(CLOSE_DONE);
    this.expectWord('done');
  }

  private caseClause(): void {
    this.i += 4;
    this.skipSpace();
    this.word();
    this.skipLinebreaks();
    this.expectWord('in');
    for (;;) {
      this.skipLinebreaks();
      if (this.peekReserved() === 'esac') {
        this.i += 4;
        return;
      }
      if (this.i >= this.n) this.fail();
      if (this.code() === L_PAREN) this.i++;
      for (;;) {
        this.skipSpace();
        this.word();
        this.skipSpace();
        if (this.code() === PIPE) this.i++;
        else break;
      }
      this.expect(')');
      this.list(CLOSE_ESAC);
      this.skipLinebreaks();
      if (this.startsWith(';;&')) this.i += 3;
      else if (this.startsWith(';;') || this.startsWith(';&')) this.i += 2;
      else if (this.peekReserved() !== 'esac') this.fail();
    }
  }

  private functionDefinition(): void {
    this.i += 8;
    this.skipSpace();
    this.word();
    this.skipSpace();
    if (this.startsWith('()')) this.i += 2;
    else if (this.code() === L_PAREN) {
      this.i++;
      this.expect(')');
    }
    this.skipLinebreaks();
    this.command();
  }

  /** `name() body`: ShellCheck's function shorthand. */
  private functionShorthand(): boolean {
    // Cheap tests first: a `(` ahead, right after the raw word.
    const paren = this.nextParen();
    if (paren < 0) return false;
    const s = this.s;
    let j = this.rawWordEnd();
    while (j < paren && (s.charCodeAt(j) === SPACE || s.charCodeAt(j) === TAB)) j++;
    if (j !== paren) return false;
    FUNCTION_SHORTHAND.lastIndex = this.i;
    if (!FUNCTION_SHORTHAND.test(s)) return false;
    this.i = FUNCTION_SHORTHAND.lastIndex;
    this.skipLinebreaks();
    this.command();
    return true;
  }

  /** `[[ … ]]`: no commands of its own, but substitutions in it run. */
  private condition(): void {
    for (;;) {
      this.skipBlanks();
      if (this.i >= this.n) this.fail();
      const c = this.code();
      if (c === NEWLINE) {
        this.newline();
        continue;
      }
      if (c === HASH) {
        // ShellCheck's spacing inside `[[ ]]` takes a comment.
        this.skipComment();
        continue;
      }
      if (c === R_BRACKET && this.code(this.i + 1) === R_BRACKET) {
        const after = this.code(this.i + 2);
        if (isDelimiter(after)) {
          this.i += 2;
          return;
        }
      }
      if (c === L_PAREN || c === R_PAREN || c === LT || c === GT || c === BANG) {
        this.i++;
        continue;
      }
      if (c === AMP || c === PIPE) {
        this.i += this.code(this.i + 1) === c ? 2 : 1;
        continue;
      }
      // What is left is a word; `;` is bash's syntax error here.
      this.nonEmptyWord(true);
    }
  }

  /** `(( … ))`, also the header of `for ((…))`. */
  private arithmeticCommand(): void {
    this.i += 2;
    this.skipArithmetic();
  }

  /** Skips arithmetic up to the `))` that closes it (nested parentheses counted). */
  private skipArithmetic(): void {
    let depth = 0;
    while (this.i < this.n) {
      const c = this.code();
      if (c === L_PAREN) depth++;
      else if (c === R_PAREN) {
        if (depth === 0) {
          if (this.code(this.i + 1) !== R_PAREN) this.fail();
          this.i += 2;
          return;
        }
        depth--;
      } else if (c === DOLLAR || c === BACKTICK || c === QUOTE || c === APOS) {
        this.wordPart();
        continue;
      }
      this.i++;
    }
    this.fail();
  }

  /** Redirections after a compound command. */
  private redirections(): void {
    for (;;) {
      if (!is(this.skipBlanks(), REDIRECTION_START) || !this.redirection()) return;
    }
  }

  /**
   * Reads a redirection if one starts here: `[n]>file`, `2>&1`, `&>f`, `<<EOF`, `<<<word`. The
   * callers have seen a character of {@link REDIRECTION_START}.
   */
  private redirection(): boolean {
    const s = this.s;
    let j = this.i;
    while (j < this.n && isDigit(s.charCodeAt(j))) j++;
    if (j - this.i > 9) return false;
    if (s.charCodeAt(j) === L_BRACE) {
      NAMED_FD.lastIndex = j;
      if (NAMED_FD.test(s)) j = s.indexOf('}', j) + 1;
    }
    const c = s.charCodeAt(j);
    const next = s.charCodeAt(j + 1);
    if (c === AMP && j === this.i && next === GT) {
      this.i = j + (s.charCodeAt(j + 2) === GT ? 3 : 2);
      this.skipBlanks();
      this.word();
      return true;
    }
    if (c !== LT && c !== GT) return false;
    if (next === L_PAREN) return false; // process substitution: a word
    if (c === LT && next === LT) {
      if (s.charCodeAt(j + 2) === LT) {
        this.i = j + 3;
        this.skipBlanks();
        this.word();
        return true;
      }
      this.i = j + 2;
      const stripTabs = this.code() === MINUS; // <<-
      if (stripTabs) this.i++;
      this.skipBlanks();
      const start = this.nonEmptyWord();
      this.heredocs ??= [];
      this.heredocs.push({ delimiter: unquotedDelimiter(s.slice(start, this.i)), stripTabs });
      return true;
    }
    this.i = j + 1;
    const after = this.code();
    if (after === GT || after === PIPE || (c === LT && after === GT)) this.i++;
    else if (after === AMP) {
      this.i++;
      this.skipBlanks();
      if (this.code() === MINUS) {
        this.i++;
        return true;
      }
    }
    this.skipBlanks();
    this.nonEmptyWord();
    return true;
  }

  /**
   * A simple command, added to {@link commands} (see {@link commandName}). With `collect`,
   * returns its words' texts run together, command word included, as hadolint's `simplify` of
   * a T_SimpleCommand (its assignments and redirections are not words).
   */
  private simpleCommand(collect: boolean): string {
    /** The texts of the words after the command word (the arguments). */
    const args: string[] = [];
    let text = ''; // with `collect`, the texts of all the words
    /** Their literal values, kept when the command word is a wrapper (`exec …`). */
    let literals: (string | null)[] | null = null;
    let first: string | null = null; // the command word's literal value
    let words = 0;
    let assignments = 0;
    let redirections = 0;
    let index = -1;
    for (;;) {
      const c = this.skipBlanks();
      if (c === -1 || c === NEWLINE || c === SEMI || c === AMP || c === PIPE) break;
      if (c === R_PAREN) break;
      if (c === HASH && (words > 0 || assignments > 0 || redirections > 0)) break;
      if (is(c, REDIRECTION_START) && this.redirection()) {
        redirections++;
        continue;
      }
      if (c === L_PAREN) this.fail();
      if (words === 0 && is(c, NAME_START) && this.assignment()) {
        assignments++;
        continue;
      }
      if (words === 0) {
        // The command comes before the commands substituted into its words.
        index = this.commands.length;
        this.commands.push(PLACEHOLDER);
      }
      const start = this.i;
      const word = this.word();
      if (this.i === start) this.fail();
      if (collect) text += word;
      if (words === 0) {
        first = this.literal;
        if (first !== null && isWrapper(first)) literals = [];
      } else {
        args.push(word);
        literals?.push(this.literal);
      }
      words++;
    }
    if (words === 0) {
      // Assignments or redirections alone (`A=1`, `>file`, `$(<file)`) run no command.
      if (assignments === 0 && redirections === 0) this.fail();
      return '';
    }
    const name = commandName(first, args, literals);
    if (name === null) this.commands.splice(index, 1);
    else this.commands[index] = shellCommand(name, args);
    return text;
  }

  /** `name=value`, `name+=value`, `name[i]=value`, `name=(a b)` before the command word. */
  private assignment(): boolean {
    if (this.nextEquals() < 0) return false;
    const s = this.s;
    let j = this.i;
    if (!is(this.code(j), NAME_START)) return false;
    j++;
    const n = this.n;
    let c = s.charCodeAt(j);
    while (j < n && is(c, NAME_CHAR)) c = s.charCodeAt(++j);
    if (c === L_BRACKET) {
      // An index up to `]` on the same line.
      do c = s.charCodeAt(++j);
      while (j < n && c !== R_BRACKET && c !== NEWLINE);
      if (c !== R_BRACKET) return false;
      c = s.charCodeAt(++j);
    }
    if (c === PLUS) c = s.charCodeAt(++j);
    if (c !== EQ) return false;
    this.i = j + 1;
    if (this.code() === L_PAREN) {
      this.i++;
      for (;;) {
        this.skipLinebreaks();
        if (this.i >= this.n) this.fail();
        if (this.code() === R_PAREN) {
          this.i++;
          return true;
        }
        this.nonEmptyWord();
      }
    }
    this.word();
    return true;
  }

  /** A word that must not be empty here; returns where it starts. */
  private nonEmptyWord(inCondition = false): number {
    const start = this.i;
    this.word(inCondition);
    if (this.i === start) this.fail();
    return start;
  }

  /**
   * One word up to an unquoted blank or operator: its text, its literal value in `literal`. In
   * `[[ ]]` (`inCondition`), `(`/`)` end a word rather than fail.
   */
  private word(inCondition = false): string {
    const s = this.s;
    const n = this.n;
    let text = '';
    let literal: string | null = '';
    let i = this.i;
    let run = i; // where the plain characters not yet added to `text` start
    for (;;) {
      const c = i < n ? s.charCodeAt(i) : -1;
      if (c >= 0 && !is(c, WORD_SPECIAL)) {
        i++;
        continue;
      }
      if (c === HASH) {
        // `#` starts a comment where a word would start, and is plain anywhere else.
        if (i === run && text === '' && literal === '') break;
        i++;
        continue;
      }
      const extglob = is(c, EXTGLOB) && s.charCodeAt(i + 1) === L_PAREN && !inCondition;
      if (!extglob && (c === PLUS || c === AT || c === BANG)) {
        i++;
        continue;
      }
      if (i > run) {
        const value = s.slice(run, i);
        text += value;
        if (literal !== null) literal += value;
      }
      this.i = i;
      if (c === -1 || is(c, WORD_END)) {
        const processSubstitution =
          (c === LT || c === GT) && s.charCodeAt(i + 1) === L_PAREN && !inCondition;
        if (!processSubstitution) {
          if (c === L_PAREN && !inCondition && text !== '') {
            // `foo(`: bash refuses an unquoted parenthesis inside a word.
            this.fail();
          }
          break;
        }
      }
      if (extglob) {
        // Extglob `@(a|b)`: simplify drops it.
        this.i++;
        this.skipParenthesised();
        literal = null;
      } else if (c === STAR || c === QUESTION) {
        this.i++;
        text += c === STAR ? '*' : '?';
        literal = null;
      } else {
        text += this.wordPart();
        literal = literal !== null && this.literal !== null ? literal + this.literal : null;
      }
      i = this.i;
      run = i;
    }
    this.literal = literal;
    return text;
  }

  /**
   * One part of a word that is not plain characters: quotes, an expansion, a process
   * substitution, a bracket glob or a brace expansion (their first character is the current
   * one). Returns its text; its literal value is left in `literal`.
   */
  private wordPart(): string {
    const s = this.s;
    const c = this.code();
    const next = this.code(this.i + 1);
    switch (c) {
      case APOS: {
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) this.fail();
        const value = s.slice(this.i + 1, end);
        this.i = end + 1;
        return this.plain(value);
      }
      case QUOTE:
        this.i++;
        return this.doubleQuoted();
      case BACKTICK:
        return this.backticks();
      case DOLLAR:
        return this.dollar();
      case BACKSLASH: {
        this.i += 2;
        if (this.i > this.n) this.fail();
        return this.plain(next === NEWLINE ? '' : s[this.i - 1]!);
      }
      case LT:
      case GT:
        // Process substitution: its commands run; hadolint's simplify drops the word part.
        this.i += 2;
        this.list(null);
        this.expect(')');
        return this.expansion('');
      case L_BRACKET: {
        if (this.i >= this.noGlobUntil) {
          BRACKET_GLOB.lastIndex = this.i;
          if (!BRACKET_GLOB.test(s)) {
            // No `]` ends a glob before the next blank or quote: nor can one for a `[` up to
            // there (`[[[[…` is read in one pass, not one per `[`).
            BRACKET_GLOB_BODY.lastIndex = this.i + 1;
            BRACKET_GLOB_BODY.test(s);
            this.noGlobUntil = BRACKET_GLOB_BODY.lastIndex;
          } else if (BRACKET_GLOB.lastIndex - this.i > 2) {
            const glob = s.slice(this.i, BRACKET_GLOB.lastIndex);
            this.i = BRACKET_GLOB.lastIndex;
            return this.expansion(glob);
          }
        }
        this.i++;
        return this.plain('[');
      }
      case L_BRACE: {
        const end = this.braceExpansionEnd();
        if (end > 0) {
          this.i = end;
          return this.expansion('');
        }
        this.i++;
        return this.plain('{');
      }
      default:
        // Not reached: the callers hand over only the characters above.
        this.i++;
        return this.plain(s[this.i - 1]!);
    }
  }

  /** A word part that is its own literal value. */
  private plain(text: string): string {
    this.literal = text;
    return text;
  }

  /** A word part without a literal value (an expansion or a glob). */
  private expansion(text: string): string {
    this.literal = null;
    return text;
  }

  private doubleQuoted(): string {
    const s = this.s;
    let text = '';
    let literal: string | null = '';
    for (;;) {
      if (this.i >= this.n) this.fail();
      const c = this.code();
      if (c === QUOTE) {
        this.i++;
        this.literal = literal;
        return text;
      }
      if (c === BACKSLASH) {
        const d = this.code(this.i + 1);
        if (d === NEWLINE) {
          this.i += 2;
          continue;
        }
        const escapable = d === DOLLAR || d === BACKTICK || d === QUOTE || d === BACKSLASH;
        const value = escapable ? s[this.i + 1]! : `\\${s[this.i + 1] ?? ''}`;
        this.i += 2;
        text += value;
        if (literal !== null) literal += value;
        continue;
      }
      if (c === DOLLAR || c === BACKTICK) {
        text += c === DOLLAR ? this.dollar() : this.backticks();
        literal = literal !== null && this.literal !== null ? literal + this.literal : null;
        continue;
      }
      const start = this.i;
      let i = start;
      while (i < this.n) {
        const d = s.charCodeAt(i);
        if (d === QUOTE || d === BACKSLASH || d === DOLLAR || d === BACKTICK) break;
        i++;
      }
      this.i = i;
      const value = s.slice(start, i);
      text += value;
      if (literal !== null) literal += value;
    }
  }

  private backticks(): string {
    const s = this.s;
    let inner = '';
    let i = this.i + 1;
    let run = i; // where the current run of unescaped characters starts
    for (;;) {
      if (i >= this.n) {
        this.i = i;
        this.fail();
      }
      const c = s.charCodeAt(i);
      if (c === BACKTICK) break;
      if (c === BACKSLASH) {
        const d = s[i + 1] ?? '';
        inner += s.slice(run, i) + (d === '`' || d === '\\' || d === '$' ? d : `\\${d}`);
        i += 2;
        run = i;
        continue;
      }
      i++;
    }
    inner += s.slice(run, i);
    this.i = i + 1;
    this.nested(inner);
    return this.expansion('${VAR}');
  }

  /** The commands of a backtick substitution, parsed on their own, in place. */
  private nested(text: string): void {
    const inner = new Parser(text);
    inner.script();
    for (const c of inner.commands) this.commands.push(c);
    if (inner.pipes) this.pipes = true;
  }

  /**
   * A `$…` word part: its text as hadolint's `simplify` gives it (hadolint 2.15's
   * `Hadolint.Shell.simplify`, its own variant of ShellCheck's `ASTLib.oversimplify`, which
   * writes every expansion `${VAR}`): `$NAME` and `${…}` keep what they name, `$((…))` and
   * `$[…]` give `${VAR}` (so do backticks), and `$(…)` gives `${` + text + `}`, where the text
   * comes from the statements of its body, run together:
   * - a lone simple command gives its words run together, the command word included
   *   (`$(id -u)` gives `${id-u}`); assignments and redirections are no words (`$(A=1 cat <f)`
   *   gives `${cat}`);
   * - a pipeline of several commands, a statement under `!`, an `a && b` / `a || b`, a statement
   *   run in the background (`a &`) and a compound command (`( … )`, `{ …; }`, `if`, …) give
   *   nothing; `time [-p] cmd` gives `time` or `time-p`, then the text of `cmd` if it is lone
   *   (ShellCheck reads `time` as a command whose last word is the pipeline after it);
   * - statements separated by `;` or newlines run together: `$(a x; b)` gives `${axb}`;
   * - an empty `$()` gives `${}`.
   *
   * A substitution nested in a word of the body counts once, through that word's text:
   * `$(echo "$(id -u)")` gives `${echo${id-u}}`. So the text of each substitution is read in
   * one pass, in time and size linear in its source.
   */
  private dollar(): string {
    const s = this.s;
    const next = this.code(this.i + 1);
    if (next === L_PAREN) {
      if (this.code(this.i + 2) === L_PAREN && this.isArithmetic()) {
        this.i += 3;
        this.skipArithmetic();
        return this.expansion('${VAR}');
      }
      this.i += 2;
      const text = this.list(null, true);
      this.expect(')');
      return this.expansion(`\${${text}}`);
    }
    if (next === L_BRACE) {
      this.i += 2;
      let inner = '';
      let depth = 0;
      let run = this.i; // where the current run of plain characters starts
      for (;;) {
        if (this.i >= this.n) this.fail();
        const c = this.code();
        if (c === R_BRACE && depth === 0) {
          inner += s.slice(run, this.i);
          this.i++;
          break;
        }
        if (c === L_BRACE) depth++;
        if (c === R_BRACE) depth--;
        if (c === QUOTE || c === APOS || c === DOLLAR || c === BACKTICK || c === BACKSLASH) {
          inner += s.slice(run, this.i);
          inner += this.wordPart();
          run = this.i;
          continue;
        }
        this.i++;
      }
      return this.expansion(`\${${inner}}`);
    }
    if (next === L_BRACKET) {
      // $[ … ]: old arithmetic.
      const end = s.indexOf(']', this.i + 2);
      if (end < 0) this.fail();
      this.i = end + 1;
      return this.expansion('${VAR}');
    }
    if (next === APOS) {
      const start = this.i + 2;
      let j = start;
      while (j < this.n && s.charCodeAt(j) !== APOS) {
        j += s.charCodeAt(j) === BACKSLASH ? 2 : 1;
      }
      if (j >= this.n) this.fail();
      const raw = s.slice(start, j);
      this.i = j + 1;
      this.literal = decodeEscapes(raw);
      return raw;
    }
    if (next === QUOTE) {
      this.i += 2;
      return this.doubleQuoted();
    }
    // $NAME, or a special parameter: $1, $@, $?, …
    let end = this.i + 1;
    if (is(next, NAME_START)) {
      end++;
      while (end < this.n && is(s.charCodeAt(end), NAME_CHAR)) end++;
    } else if (is(next, SPECIAL_PARAMETER)) {
      end++;
    } else {
      this.i++;
      return this.plain('$');
    }
    const name = s.slice(this.i + 1, end);
    this.i = end;
    return this.expansion(`\${${name}}`);
  }

  /** `$((` opens arithmetic unless it is `$( (subshell) )`: bash tries arithmetic first. */
  private isArithmetic(): boolean {
    let depth = 0;
    for (let j = this.i + 3; j < this.n; j++) {
      const c = this.s.charCodeAt(j);
      if (c === L_PAREN) depth++;
      else if (c === R_PAREN) {
        if (depth > 0) depth--;
        else return this.s.charCodeAt(j + 1) === R_PAREN;
      }
    }
    return false;
  }

  private skipParenthesised(): void {
    let depth = 0;
    while (this.i < this.n) {
      const c = this.code();
      if (c === BACKSLASH) {
        this.i += 2;
        continue;
      }
      if (c === L_PAREN) depth++;
      else if (c === R_PAREN) {
        depth--;
        if (depth === 0) {
          this.i++;
          return;
        }
      }
      this.i++;
    }
    this.fail();
  }

  /**
   * The end of a brace expansion `{a,b}` / `{1..3}` starting here, or -1 when it is literal:
   * the `}` that closes this `{` before a blank, an operator, a quote or `$`, with a `,`
   * directly inside or a `..` anywhere inside.
   */
  private braceExpansionEnd(): number {
    if (this.braceEnds === null || this.i < this.bracesFrom || this.i >= this.bracesTo) {
      this.readBraces();
    }
    return this.braceEnds!.get(this.i) ?? -1;
  }

  /**
   * Finds the brace expansions from here to where braces stop (a blank, an operator, a quote or
   * `$`) in one pass, for {@link braceExpansionEnd}: a word of many `{` is read in linear time.
   */
  private readBraces(): void {
    const s = this.s;
    const ends = new Map<number, number>();
    /** The `{` not closed yet, innermost last, and whether a `,` is directly inside each. */
    const open: number[] = [];
    const comma: boolean[] = [];
    /** Where the first `..` at or after the innermost open `{` starts (-1: none). */
    const dots: number[] = [];
    let nextDots = -2; // where the first `..` after the last `{` pushed starts; -2: not looked for
    let j = this.i;
    for (; j < this.n; j++) {
      const c = s.charCodeAt(j);
      if (c === BACKSLASH) {
        j++;
        continue;
      }
      if (is(c, WORD_END) && c !== RETURN) break; // blanks and operators: not `\r`
      if (c === QUOTE || c === APOS || c === DOLLAR || c === BACKTICK) break;
      if (c === L_BRACE) {
        if (nextDots !== -1 && nextDots <= j) nextDots = s.indexOf('..', j + 1);
        open.push(j);
        comma.push(false);
        dots.push(nextDots);
      } else if (c === R_BRACE) {
        const start = open.pop();
        if (start === undefined) continue;
        const d = dots.pop()!;
        if (comma.pop()! || (d >= 0 && d + 1 < j)) ends.set(start, j + 1);
      } else if (c === COMMA && comma.length > 0) {
        comma[comma.length - 1] = true;
      }
    }
    this.braceEnds = ends;
    this.bracesFrom = this.i;
    this.bracesTo = j;
  }
}

const PLACEHOLDER = shellCommand('', []);

/** A command that runs the command named by a later word. */
function isWrapper(word: string): boolean {
  switch (word) {
    case 'busybox':
    case 'builtin':
    case 'command':
    case 'run':
    case 'exec':
      return true;
    default:
      return false;
  }
}

/**
 * ShellCheck's `getCommandName`: the literal command word, or the command a wrapper runs.
 * `args` are the texts of the words after the command word, `literals` their literal values
 * (null unless the command word is a wrapper, see {@link isWrapper}).
 */
function commandName(
  first: string | null,
  args: readonly string[],
  literals: readonly (string | null)[] | null,
): string | null {
  if (first === null || literals === null) return first;
  switch (first) {
    case 'busybox':
    case 'builtin':
    case 'command':
    case 'run': {
      if (args.length === 0 || args[0]!.startsWith('-')) return first;
      return literals[0] ?? null;
    }
    case 'exec': {
      // BSD-style options `-c`, `-l`, `-a name`, then the command.
      let k = 0;
      while (k < literals.length) {
        const w = literals[k] ?? null;
        if (w === null) return null;
        if (w === '--') {
          k++;
          break;
        }
        if (!w.startsWith('-') || w === '-') break;
        if (!EXEC_FLAGS.test(w)) return first;
        k += w.endsWith('a') ? 2 : 1;
      }
      return k < literals.length ? (literals[k] ?? null) : first;
    }
    default:
      return first;
  }
}

const DELIMITER_QUOTING = /["'\\]/;

/** A heredoc delimiter word with its quotes removed (`'EOF'` gives `EOF`). */
function unquotedDelimiter(raw: string): string {
  if (!DELIMITER_QUOTING.test(raw)) return raw;
  return raw.replace(/\\(.)/g, '$1').replace(/["']/g, '');
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** `$'…'` escapes, as ShellCheck's `decodeEscapes` reads them for literal strings. */
function decodeEscapes(raw: string): string {
  return raw.replace(/\\([abefnrtv\\'"?]|x[0-9A-Fa-f]{1,2}|[0-7]{1,3})/g, (_, e: string) => {
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) return simple;
    if (e[0] === 'x') return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (e[0]! >= '0' && e[0]! <= '7') return String.fromCharCode(Number.parseInt(e, 8));
    return e;
  });
}
