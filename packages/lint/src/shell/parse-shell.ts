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

enum Ch {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  Amp = 38,
  Apos = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Dot = 46,
  Semi = 59,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  Question = 63,
  At = 64,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Backtick = 96,
  LBrace = 123,
  Pipe = 124,
  RBrace = 125,
}

class ShellSyntaxError extends Error {}

/** One word: its text as hadolint's `simplify` gives it, and its literal value when it has one. */
interface Word {
  /** Quotes removed, variables kept as `${NAME}`, command substitutions as `${…}`. */
  readonly text: string;
  /** ShellCheck's `getLiteralString`: null when the word holds an expansion or a glob. */
  readonly literal: string | null;
}

/**
 * Parses RUN text as bash (hadolint hands ShellCheck `#!/bin/bash` plus the script) and lists
 * the simple commands in it. Assignments before a command and redirections are not arguments.
 * A command whose name is not a literal word (`$CC -o x`) is skipped, as ShellCheck's
 * `getCommandName` gives none; `command`, `builtin`, `busybox` and `exec` resolve to the command
 * they run. Text bash would reject yields no commands (`valid: false`), as in hadolint.
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
    if (error instanceof ShellSyntaxError) {
      return { text, commands: [], hasPipes: false, valid: false };
    }
    throw error;
  }
  return { text, commands: parser.commands, hasPipes: parser.pipes, valid: true };
}

class Parser {
  readonly commands: ShellCommand[] = [];
  pipes = false;
  private i = 0;
  private readonly s: string;
  private readonly n: number;
  /** Heredoc terminators whose bodies start after the next newline. */
  private heredocs: { delimiter: string; stripTabs: boolean }[] = [];

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

  /** Blanks and line continuations between words. */
  private skipBlanks(): void {
    for (;;) {
      const c = this.code();
      if (c === Ch.Space || c === Ch.Tab || c === Ch.Return) this.i++;
      else if (c === Ch.Backslash && this.code(this.i + 1) === Ch.Newline) this.i += 2;
      else return;
    }
  }

  /** Blanks, a comment to the end of the line. */
  private skipSpace(): void {
    this.skipBlanks();
    if (this.code() === Ch.Hash) {
      while (this.i < this.n && this.code() !== Ch.Newline) this.i++;
    }
  }

  /** Blanks, comments and newlines (where a list may continue on the next line). */
  private skipLinebreaks(): void {
    for (;;) {
      this.skipSpace();
      if (this.code() !== Ch.Newline) return;
      this.newline();
    }
  }

  /** Consumes a newline and the bodies of the heredocs begun on its line. */
  private newline(): void {
    this.i++;
    const pending = this.heredocs;
    if (pending.length === 0) return;
    this.heredocs = [];
    for (const { delimiter, stripTabs } of pending) {
      for (;;) {
        if (this.i >= this.n) return; // hadolint hands over RUN lines without their heredoc bodies
        let end = this.s.indexOf('\n', this.i);
        if (end < 0) end = this.n;
        let line = this.s.slice(this.i, end);
        this.i = Math.min(end + 1, this.n);
        if (stripTabs) line = line.replace(/^\t+/, '');
        if (line.replace(/\r$/, '') === delimiter) break;
      }
    }
  }

  /** The reserved word at the current position, if a command would start here. */
  private peekReserved(): string | null {
    let j = this.i;
    while (j < this.n) {
      const c = this.s.charCodeAt(j);
      if ((c >= 97 && c <= 122) || c === Ch.LBrace || c === Ch.RBrace || c === Ch.Bang) j++;
      else if (c === Ch.LBracket && this.s.charCodeAt(j + 1) === Ch.LBracket && j === this.i)
        j += 2;
      else break;
    }
    if (j === this.i) return null;
    const next = this.code(j);
    const word = this.s.slice(this.i, j);
    if (word === '[[') return isDelimiter(next) ? word : null;
    if (!isDelimiter(next) && !(word === '}' && next !== -1 && isOperatorStart(next))) return null;
    return word;
  }

  /** A list of and-or lists separated by `;`, `&` or newlines, up to a closing word or `)`. */
  private list(closers: ReadonlySet<string> | null): void {
    for (;;) {
      this.skipLinebreaks();
      if (this.i >= this.n) return;
      const c = this.code();
      if (c === Ch.RParen) return;
      if (c === Ch.Semi && this.code(this.i + 1) === Ch.Semi) return; // case item end
      if (c === Ch.Semi && this.code(this.i + 1) === Ch.Amp) return;
      const reserved = this.peekReserved();
      if (reserved !== null && CLOSERS.has(reserved)) {
        if (closers?.has(reserved)) return;
        this.fail();
      }
      this.andOr();
      this.skipSpace();
      const sep = this.code();
      if (
        sep === Ch.Semi &&
        this.code(this.i + 1) !== Ch.Semi &&
        this.code(this.i + 1) !== Ch.Amp
      ) {
        this.i++;
      } else if (sep === Ch.Amp && this.code(this.i + 1) !== Ch.Amp) {
        this.i++;
        // `foo &;` is ShellCheck's SC1045, a note: the parse goes on.
        this.skipBlanks();
        if (this.code() === Ch.Semi && this.code(this.i + 1) !== Ch.Semi) this.i++;
      } else if (sep === Ch.Newline) {
        this.newline();
      } else {
        return;
      }
    }
  }

  private andOr(): void {
    this.pipeline();
    for (;;) {
      this.skipSpace();
      if (this.startsWith('&&') || this.startsWith('||')) {
        this.i += 2;
        this.skipLinebreaks();
        this.pipeline();
      } else {
        return;
      }
    }
  }

  private pipeline(): void {
    this.skipSpace();
    for (;;) {
      const reserved = this.peekReserved();
      if (reserved === '!') {
        this.i++;
        this.skipSpace();
      } else if (reserved === 'time') {
        this.i += 4;
        this.skipSpace();
        if (this.startsWith('-p') && isDelimiter(this.code(this.i + 2))) this.i += 2;
        this.skipSpace();
      } else {
        break;
      }
    }
    this.command();
    for (;;) {
      this.skipSpace();
      if (this.code() === Ch.Pipe && this.code(this.i + 1) !== Ch.Pipe) {
        this.i += this.code(this.i + 1) === Ch.Amp ? 2 : 1;
        this.pipes = true;
        this.skipLinebreaks();
        this.command();
      } else {
        return;
      }
    }
  }

  private command(): void {
    this.skipSpace();
    const c = this.code();
    if (c === -1 || c === Ch.Newline || c === Ch.Semi || c === Ch.Amp || c === Ch.Pipe) this.fail();
    if (c === Ch.RParen) this.fail();
    if (c === Ch.LParen) {
      if (this.code(this.i + 1) === Ch.LParen) this.arithmeticCommand();
      else {
        this.i++;
        this.list(null);
        this.expect(')');
      }
      this.redirections();
      return;
    }
    const reserved = this.peekReserved();
    switch (reserved) {
      case '{':
        this.i++;
        this.list(new Set(['}']));
        this.expectWord('}');
        this.redirections();
        return;
      case '[[':
        this.i += 2;
        this.condition();
        this.redirections();
        return;
      case 'if':
        this.ifClause();
        this.redirections();
        return;
      case 'for':
      case 'select':
        this.forClause(reserved);
        this.redirections();
        return;
      case 'while':
      case 'until':
        this.i += reserved.length;
        this.list(new Set(['do']));
        this.doGroup();
        this.redirections();
        return;
      case 'case':
        this.caseClause();
        this.redirections();
        return;
      case 'function':
        this.functionDefinition();
        return;
      default:
        if (reserved !== null && CLOSERS.has(reserved)) this.fail();
        if (this.functionShorthand()) return;
        this.simpleCommand();
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
    const branch = new Set(['then']);
    const body = new Set(['elif', 'else', 'fi']);
    this.list(branch);
    this.expectWord('then');
    this.list(body);
    for (;;) {
      this.skipLinebreaks();
      const word = this.peekReserved();
      if (word === 'elif') {
        this.i += 4;
        this.list(branch);
        this.expectWord('then');
        this.list(body);
      } else if (word === 'else') {
        this.i += 4;
        this.list(new Set(['fi']));
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
          if (c === -1 || c === Ch.Newline || c === Ch.Semi) break;
          this.word();
        }
      }
    }
    this.skipSpace();
    if (this.code() === Ch.Semi) this.i++;
    this.doGroup();
  }

  private doGroup(): void {
    this.skipLinebreaks();
    if (this.peekReserved() === '{') {
      // bash accepts `for x in y; { …; }` as well.
      this.i++;
      this.list(new Set(['}']));
      this.expectWord('}');
      return;
    }
    this.expectWord('do');
    this.list(new Set(['done']));
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
      if (this.code() === Ch.LParen) this.i++;
      for (;;) {
        this.skipSpace();
        this.word();
        this.skipSpace();
        if (this.code() === Ch.Pipe) this.i++;
        else break;
      }
      this.expect(')');
      this.list(new Set(['esac']));
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
    else if (this.code() === Ch.LParen) {
      this.i++;
      this.expect(')');
    }
    this.skipLinebreaks();
    this.command();
  }

  /** `name() body`: ShellCheck's function shorthand. */
  private functionShorthand(): boolean {
    // Cheap test first: a `(` after the first word.
    let j = this.i;
    while (j < this.n && !isWordEnd(this.s.charCodeAt(j))) j++;
    while (j < this.n && (this.s.charCodeAt(j) === Ch.Space || this.s.charCodeAt(j) === Ch.Tab))
      j++;
    if (this.s.charCodeAt(j) !== Ch.LParen) return false;
    const match = /^[^\s;&|()<>'"`$=]+[ \t]*\([ \t]*\)/.exec(this.s.slice(this.i, this.i + 256));
    if (!match) return false;
    this.i += match[0].length;
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
      if (c === Ch.Newline) {
        this.newline();
        continue;
      }
      if (c === Ch.RBracket && this.code(this.i + 1) === Ch.RBracket) {
        const after = this.code(this.i + 2);
        if (isDelimiter(after)) {
          this.i += 2;
          return;
        }
      }
      if (c === Ch.LParen || c === Ch.RParen || c === Ch.Lt || c === Ch.Gt || c === Ch.Bang) {
        this.i++;
        continue;
      }
      if (c === Ch.Amp || c === Ch.Pipe) {
        this.i += this.code(this.i + 1) === c ? 2 : 1;
        continue;
      }
      this.word(true);
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
      if (c === Ch.LParen) depth++;
      else if (c === Ch.RParen) {
        if (depth === 0) {
          if (this.code(this.i + 1) !== Ch.RParen) this.fail();
          this.i += 2;
          return;
        }
        depth--;
      } else if (c === Ch.Dollar || c === Ch.Backtick || c === Ch.Quote || c === Ch.Apos) {
        this.wordPart(false, false);
        continue;
      }
      this.i++;
    }
    this.fail();
  }

  /** Redirections after a compound command. */
  private redirections(): void {
    for (;;) {
      this.skipBlanks();
      if (!this.redirection()) return;
    }
  }

  /** Reads a redirection if one starts here: `[n]>file`, `2>&1`, `&>f`, `<<EOF`, `<<<word`. */
  private redirection(): boolean {
    let j = this.i;
    while (j < this.n && isDigit(this.s.charCodeAt(j))) j++;
    if (j > this.i + 0 && j - this.i > 9) return false;
    if (this.s.charCodeAt(j) === Ch.LBrace) {
      // {fd}>file
      const close = this.s.indexOf('}', j);
      if (close > j && /^\{[A-Za-z_][A-Za-z0-9_]*\}[<>]/.test(this.s.slice(j, close + 2))) {
        j = close + 1;
      }
    }
    const c = this.s.charCodeAt(j);
    const next = this.s.charCodeAt(j + 1);
    if (c === Ch.Amp && j === this.i && next === Ch.Gt) {
      this.i = j + (this.s.charCodeAt(j + 2) === Ch.Gt ? 3 : 2);
      this.skipBlanks();
      this.word();
      return true;
    }
    if (c !== Ch.Lt && c !== Ch.Gt) return false;
    if (next === Ch.LParen) return false; // process substitution: a word
    if (c === Ch.Lt && next === Ch.Lt) {
      if (this.s.charCodeAt(j + 2) === Ch.Lt) {
        this.i = j + 3;
        this.skipBlanks();
        this.word();
        return true;
      }
      this.i = j + 2;
      const stripTabs = this.code() === 45; // <<-
      if (stripTabs) this.i++;
      this.skipBlanks();
      const start = this.i;
      this.word();
      if (this.i === start) this.fail();
      this.heredocs.push({ delimiter: unquotedDelimiter(this.s.slice(start, this.i)), stripTabs });
      return true;
    }
    this.i = j + 1;
    const after = this.code();
    if (after === Ch.Gt || after === Ch.Pipe || (c === Ch.Lt && after === Ch.Gt)) this.i++;
    else if (after === Ch.Amp) {
      this.i++;
      this.skipBlanks();
      if (this.code() === 45) {
        this.i++;
        return true;
      }
    }
    this.skipBlanks();
    const start = this.i;
    this.word();
    if (this.i === start) this.fail();
    return true;
  }

  private simpleCommand(): void {
    const words: Word[] = [];
    let assignments = 0;
    let index = -1;
    for (;;) {
      this.skipBlanks();
      const c = this.code();
      if (c === -1 || c === Ch.Newline || c === Ch.Semi || c === Ch.Amp || c === Ch.Pipe) break;
      if (c === Ch.RParen) break;
      if (c === Ch.Hash && (words.length > 0 || assignments > 0)) break;
      if (this.redirection()) continue;
      if (c === Ch.LParen) this.fail();
      if (words.length === 0 && this.assignment()) {
        assignments++;
        continue;
      }
      if (words.length === 0) {
        // The command comes before the commands substituted into its words.
        index = this.commands.length;
        this.commands.push(PLACEHOLDER);
      }
      const start = this.i;
      const word = this.word();
      if (this.i === start) this.fail();
      words.push(word);
    }
    if (words.length === 0) {
      if (assignments === 0) this.fail();
      return;
    }
    const name = commandName(words);
    if (name === null) this.commands.splice(index, 1);
    else
      this.commands[index] = shellCommand(
        name,
        words.slice(1).map((w) => w.text),
      );
  }

  /** `name=value`, `name+=value`, `name[i]=value`, `name=(a b)` before the command word. */
  private assignment(): boolean {
    // Cheap test first: a name, then `=`, `+=` or `[`.
    let j = this.i;
    const first = this.code(j);
    if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95))
      return false;
    while (j < this.n) {
      const c = this.s.charCodeAt(j);
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95) j++;
      else break;
    }
    const after = this.code(j);
    if (after !== Ch.Eq && after !== Ch.Plus && after !== Ch.LBracket) return false;
    const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]\n]*\])?\+?=/.exec(
      this.s.slice(this.i, this.i + 256),
    );
    if (!m) return false;
    this.i += m[0].length;
    if (this.code() === Ch.LParen) {
      this.i++;
      for (;;) {
        this.skipLinebreaks();
        if (this.i >= this.n) this.fail();
        if (this.code() === Ch.RParen) {
          this.i++;
          return true;
        }
        const start = this.i;
        this.word();
        if (this.i === start) this.fail();
      }
    }
    this.word();
    return true;
  }

  /**
   * One word up to an unquoted blank or operator. In `[[ ]]` (`inCondition`), `(`/`)` end a word
   * rather than fail.
   */
  private word(inCondition = false): Word {
    let text = '';
    let literal: string | null = '';
    for (;;) {
      const c = this.code();
      const processSubstitution =
        (c === Ch.Lt || c === Ch.Gt) && this.code(this.i + 1) === Ch.LParen && !inCondition;
      if (c === -1 || (isWordEnd(c) && !processSubstitution)) {
        if (c === Ch.LParen && !inCondition && text !== '') {
          // `foo(`: bash refuses an unquoted parenthesis inside a word.
          this.fail();
        }
        return { text, literal };
      }
      if (c === Ch.Hash && text === '' && literal === '') return { text, literal };
      const part = this.wordPart(true, inCondition);
      text += part.text;
      literal = literal !== null && part.literal !== null ? literal + part.literal : null;
    }
  }

  /** One part of a word: quotes, an expansion, a glob, or a run of literal characters. */
  private wordPart(unquoted: boolean, inCondition: boolean): Word {
    const c = this.code();
    const next = this.code(this.i + 1);
    switch (c) {
      case Ch.Apos: {
        const end = this.s.indexOf("'", this.i + 1);
        if (end < 0) this.fail();
        const value = this.s.slice(this.i + 1, end);
        this.i = end + 1;
        return { text: value, literal: value };
      }
      case Ch.Quote:
        this.i++;
        return this.doubleQuoted();
      case Ch.Backtick:
        return this.backticks();
      case Ch.Dollar:
        return this.dollar();
      case Ch.Backslash: {
        this.i += 2;
        if (this.i > this.n) this.fail();
        if (next === Ch.Newline) return { text: '', literal: '' };
        const ch = this.s[this.i - 1]!;
        return { text: ch, literal: ch };
      }
      case Ch.Lt:
      case Ch.Gt:
        if (next === Ch.LParen) {
          // Process substitution: its commands run; hadolint's simplify drops the word part.
          this.i += 2;
          this.list(null);
          this.expect(')');
          return { text: '', literal: null };
        }
        break;
      case Ch.Star:
      case Ch.Question:
      case Ch.Plus:
      case Ch.At:
      case Ch.Bang:
        if (unquoted && next === Ch.LParen && !inCondition) {
          // Extglob `@(a|b)`: simplify drops it.
          this.i += 1;
          this.skipParenthesised();
          return { text: '', literal: null };
        }
        if (c === Ch.Star || c === Ch.Question) {
          this.i++;
          return { text: String.fromCharCode(c), literal: null };
        }
        break;
      case Ch.LBracket: {
        const glob = /^\[[!^]?\]?(?:\[:[a-z]+:\]|\\.|[^\]\s'"`$\\])*\]/.exec(
          this.s.slice(this.i, this.i + 256),
        );
        if (glob && glob[0].length > 2) {
          this.i += glob[0].length;
          return { text: glob[0], literal: null };
        }
        this.i++;
        return { text: '[', literal: '[' };
      }
      case Ch.LBrace: {
        const end = this.braceExpansionEnd();
        if (end > 0) {
          this.i = end;
          return { text: '', literal: null };
        }
        this.i++;
        return { text: '{', literal: '{' };
      }
      case Ch.RBrace:
        this.i++;
        return { text: '}', literal: '}' };
      default:
        break;
    }
    // A run of plain characters.
    const start = this.i;
    this.i++;
    while (this.i < this.n) {
      const d = this.code();
      if (isWordEnd(d) || isPartStart(d)) break;
      this.i++;
    }
    const value = this.s.slice(start, this.i);
    return { text: value, literal: value };
  }

  private doubleQuoted(): Word {
    let text = '';
    let literal: string | null = '';
    for (;;) {
      if (this.i >= this.n) this.fail();
      const c = this.code();
      if (c === Ch.Quote) {
        this.i++;
        return { text, literal };
      }
      if (c === Ch.Backslash) {
        const d = this.code(this.i + 1);
        if (d === Ch.Newline) {
          this.i += 2;
          continue;
        }
        const escapable =
          d === Ch.Dollar || d === Ch.Backtick || d === Ch.Quote || d === Ch.Backslash;
        const value = escapable ? this.s[this.i + 1]! : `\\${this.s[this.i + 1] ?? ''}`;
        this.i += 2;
        text += value;
        if (literal !== null) literal += value;
        continue;
      }
      if (c === Ch.Dollar || c === Ch.Backtick) {
        const part = c === Ch.Dollar ? this.dollar() : this.backticks();
        text += part.text;
        literal = literal !== null && part.literal !== null ? literal + part.literal : null;
        continue;
      }
      const start = this.i;
      while (this.i < this.n) {
        const d = this.code();
        if (d === Ch.Quote || d === Ch.Backslash || d === Ch.Dollar || d === Ch.Backtick) break;
        this.i++;
      }
      const value = this.s.slice(start, this.i);
      text += value;
      if (literal !== null) literal += value;
    }
  }

  private backticks(): Word {
    this.i++;
    let inner = '';
    for (;;) {
      if (this.i >= this.n) this.fail();
      const c = this.code();
      if (c === Ch.Backtick) break;
      if (c === Ch.Backslash) {
        const d = this.s[this.i + 1] ?? '';
        inner += d === '`' || d === '\\' || d === '$' ? d : `\\${d}`;
        this.i += 2;
        continue;
      }
      inner += this.s[this.i];
      this.i++;
    }
    this.i++;
    this.nested(inner);
    return { text: '${VAR}', literal: null };
  }

  /** The commands of a backtick substitution, parsed on their own, in place. */
  private nested(text: string): void {
    const inner = new Parser(text);
    inner.script();
    for (const c of inner.commands) this.commands.push(c);
    if (inner.pipes) this.pipes = true;
  }

  private dollar(): Word {
    const next = this.code(this.i + 1);
    if (next === Ch.LParen) {
      if (this.code(this.i + 2) === Ch.LParen && this.isArithmetic()) {
        this.i += 3;
        this.skipArithmetic();
        return { text: '${VAR}', literal: null };
      }
      this.i += 2;
      const first = this.commands.length;
      this.list(null);
      this.expect(')');
      return { text: `\${${this.substitutionText(first)}}`, literal: null };
    }
    if (next === Ch.LBrace) {
      this.i += 2;
      let inner = '';
      let depth = 0;
      for (;;) {
        if (this.i >= this.n) this.fail();
        const c = this.code();
        if (c === Ch.RBrace && depth === 0) {
          this.i++;
          break;
        }
        if (c === Ch.LBrace) depth++;
        if (c === Ch.RBrace) depth--;
        if (
          c === Ch.Quote ||
          c === Ch.Apos ||
          c === Ch.Dollar ||
          c === Ch.Backtick ||
          c === Ch.Backslash
        ) {
          inner += this.wordPart(false, false).text;
          continue;
        }
        inner += this.s[this.i];
        this.i++;
      }
      return { text: `\${${inner}}`, literal: null };
    }
    if (next === Ch.LBracket) {
      // $[ … ]: old arithmetic.
      const end = this.s.indexOf(']', this.i + 2);
      if (end < 0) this.fail();
      this.i = end + 1;
      return { text: '${VAR}', literal: null };
    }
    if (next === Ch.Apos) {
      const start = this.i + 2;
      let j = start;
      while (j < this.n && this.s.charCodeAt(j) !== Ch.Apos) {
        j += this.s.charCodeAt(j) === Ch.Backslash ? 2 : 1;
      }
      if (j >= this.n) this.fail();
      const raw = this.s.slice(start, j);
      this.i = j + 1;
      return { text: raw, literal: decodeEscapes(raw) };
    }
    if (next === Ch.Quote) {
      this.i += 2;
      return this.doubleQuoted();
    }
    const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(
      this.s.slice(this.i + 1, this.i + 257),
    );
    if (name) {
      this.i += 1 + name[0].length;
      return { text: `\${${name[0]}}`, literal: null };
    }
    this.i++;
    return { text: '$', literal: '$' };
  }

  /**
   * hadolint's `simplify` of `$(…)`: the words of each single-command pipeline run together
   * (`$(echo hi)` gives `echohi`); anything else gives nothing.
   */
  private substitutionText(first: number): string {
    let out = '';
    for (let k = first; k < this.commands.length; k++) {
      const c = this.commands[k]!;
      out += c.name + c.args.join('');
    }
    return out;
  }

  /** `$((` opens arithmetic unless it is `$( (subshell) )`: bash tries arithmetic first. */
  private isArithmetic(): boolean {
    let depth = 0;
    for (let j = this.i + 3; j < this.n; j++) {
      const c = this.s.charCodeAt(j);
      if (c === Ch.LParen) depth++;
      else if (c === Ch.RParen) {
        if (depth > 0) depth--;
        else return this.s.charCodeAt(j + 1) === Ch.RParen;
      }
    }
    return false;
  }

  private skipParenthesised(): void {
    let depth = 0;
    while (this.i < this.n) {
      const c = this.code();
      if (c === Ch.Backslash) {
        this.i += 2;
        continue;
      }
      if (c === Ch.LParen) depth++;
      else if (c === Ch.RParen) {
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

  /** The end of a brace expansion `{a,b}` / `{1..3}` starting here, or -1 when it is literal. */
  private braceExpansionEnd(): number {
    let depth = 0;
    let comma = false;
    for (let j = this.i; j < this.n; j++) {
      const c = this.s.charCodeAt(j);
      if (c === Ch.Backslash) {
        j++;
        continue;
      }
      if (c === Ch.Space || c === Ch.Tab || c === Ch.Newline || c === Ch.Semi || c === Ch.Amp) {
        return -1;
      }
      if (c === Ch.Pipe || c === Ch.Lt || c === Ch.Gt || c === Ch.LParen || c === Ch.RParen) {
        return -1;
      }
      if (c === Ch.Quote || c === Ch.Apos || c === Ch.Dollar || c === Ch.Backtick) return -1;
      if (c === Ch.LBrace) depth++;
      else if (c === Ch.RBrace) {
        depth--;
        if (depth === 0) {
          const inner = this.s.slice(this.i + 1, j);
          return comma || inner.includes('..') ? j + 1 : -1;
        }
      } else if (c === Ch.Comma && depth === 1) comma = true;
    }
    return -1;
  }
}

const PLACEHOLDER = shellCommand('', []);

/** ShellCheck's `getCommandName`: the literal first word, or the command a wrapper runs. */
function commandName(words: readonly Word[]): string | null {
  const first = words[0]!.literal;
  if (first === null) return null;
  switch (first) {
    case 'busybox':
    case 'builtin':
    case 'command':
    case 'run': {
      const arg = words[1];
      if (!arg || arg.text.startsWith('-')) return first;
      return arg.literal;
    }
    case 'exec': {
      // BSD-style options `-c`, `-l`, `-a name`, then the command.
      let k = 1;
      while (k < words.length) {
        const w = words[k]!.literal;
        if (w === null) return null;
        if (w === '--') {
          k++;
          break;
        }
        if (!w.startsWith('-') || w === '-') break;
        if (!/^-[cla]+$/.test(w)) return first;
        k += w.endsWith('a') ? 2 : 1;
      }
      const arg = words[k];
      return arg ? arg.literal : first;
    }
    default:
      return first;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Ends an unquoted word: blanks, newlines and operator characters. */
function isWordEnd(c: number): boolean {
  return (
    c === Ch.Space ||
    c === Ch.Tab ||
    c === Ch.Newline ||
    c === Ch.Return ||
    c === Ch.Semi ||
    c === Ch.Amp ||
    c === Ch.Pipe ||
    c === Ch.LParen ||
    c === Ch.RParen ||
    c === Ch.Lt ||
    c === Ch.Gt
  );
}

/** Starts a word part other than plain characters. */
function isPartStart(c: number): boolean {
  return (
    c === Ch.Apos ||
    c === Ch.Quote ||
    c === Ch.Backtick ||
    c === Ch.Dollar ||
    c === Ch.Backslash ||
    c === Ch.Star ||
    c === Ch.Question ||
    c === Ch.LBracket ||
    c === Ch.LBrace ||
    c === Ch.RBrace ||
    c === Ch.Plus ||
    c === Ch.At ||
    c === Ch.Bang
  );
}

/** What may follow a reserved word. */
function isDelimiter(c: number): boolean {
  return c === -1 || isWordEnd(c);
}

function isOperatorStart(c: number): boolean {
  return c === Ch.Semi || c === Ch.Amp || c === Ch.Pipe;
}

/** A heredoc delimiter word with its quotes removed (`'EOF'` gives `EOF`). */
function unquotedDelimiter(raw: string): string {
  return raw.replace(/\\(.)/g, '$1').replace(/["']/g, '');
}

/** `$'…'` escapes, as ShellCheck's `decodeEscapes` reads them for literal strings. */
function decodeEscapes(raw: string): string {
  return raw.replace(/\\([abefnrtv\\'"?]|x[0-9A-Fa-f]{1,2}|[0-7]{1,3})/g, (_, e: string) => {
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      e: '\x1b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
    };
    if (e in simple) return simple[e]!;
    if (e[0] === 'x') return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return e;
  });
}
