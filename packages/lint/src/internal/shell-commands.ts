/**
 * A small word splitter for RUN command text: it splits on `&&`, `||`, `;`, `|`, `&` and
 * newlines, and into words with quotes removed. It is not a shell parser: `$(…)`, backticks,
 * subshells and control flow are kept inside words or split naively, which is enough for
 * recognising commands such as `apt-get install -y curl`.
 */
export interface ShellCommand {
  /** The command name: the first word after leading `VAR=value` assignments. */
  readonly name: string;
  /** The words after the name, unquoted. */
  readonly args: readonly string[];
  /** The operator that follows this command (`&&`, `||`, `;`, `|`, `&`, or `''` at the end). */
  readonly next: string;
}

export interface ShellScript {
  readonly commands: readonly ShellCommand[];
  /** Whether a `|` pipe appears between commands. */
  readonly hasPipes: boolean;
}

/**
 * Splits shell text into commands.
 *
 * @example
 * ```ts
 * splitShell('apt-get update && apt-get install -y "curl"').commands[1]
 * // { name: 'apt-get', args: ['install', '-y', 'curl'], next: '' }
 * ```
 */
export function splitShell(text: string): ShellScript {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let hasPipes = false;
  let depth = 0; // $( … ) nesting: operators inside are not split on
  const n = text.length;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (op: string): void => {
    endWord();
    let i = 0;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
    if (i < words.length) {
      commands.push({ name: words[i]!, args: words.slice(i + 1), next: op });
    }
    if (op === '|') hasPipes = true;
    words = [];
  };
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (c === '\\') {
      if (i + 1 < n && text[i + 1] === '\n') {
        i++;
        continue;
      }
      word += text[i + 1] ?? '';
      inWord = true;
      i++;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? n : end;
      word += text.slice(i + 1, stop);
      inWord = true;
      i = stop;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < n && '"\\$`'.includes(text[j + 1]!)) {
          word += text[j + 1];
          j += 2;
          continue;
        }
        word += text[j];
        j++;
      }
      inWord = true;
      i = j;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      depth++;
      word += '$(';
      inWord = true;
      i++;
      continue;
    }
    if (depth > 0) {
      if (c === ')') depth--;
      word += c;
      continue;
    }
    if (c === '#' && !inWord) {
      // A comment runs to the end of the line.
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end - 1;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      continue;
    }
    if (c === '\n' || c === ';') {
      endCommand(';');
      continue;
    }
    if (c === '&' || c === '|') {
      if (text[i + 1] === c) {
        endCommand(c + c);
        i++;
      } else {
        endCommand(c);
      }
      continue;
    }
    if (c === '(' || c === ')' || c === '{' || c === '}') {
      if (!inWord) {
        endCommand(';');
        continue;
      }
    }
    word += c;
    inWord = true;
  }
  endCommand('');
  return { commands, hasPipes };
}

/** The base name of a command path: `/usr/bin/apt-get` gives `apt-get`. */
export function commandName(cmd: ShellCommand): string {
  const slash = cmd.name.lastIndexOf('/');
  return slash >= 0 ? cmd.name.slice(slash + 1) : cmd.name;
}

/** The flag names of a command: `-yq` gives `y`, `q`; `--no-cache=1` gives `no-cache`. */
export function flagNames(cmd: ShellCommand): string[] {
  const out: string[] = [];
  for (const a of cmd.args) {
    if (a.startsWith('--')) {
      if (a.length > 2) out.push(a.slice(2).split('=')[0]!);
    } else if (a.startsWith('-') && a.length > 1) {
      for (const ch of a.slice(1)) out.push(ch);
    }
  }
  return out;
}

export function hasFlag(cmd: ShellCommand, ...names: string[]): boolean {
  const flags = flagNames(cmd);
  return names.some((n) => flags.includes(n));
}

/** The command has `name` as its command and every word of `words` among its arguments. */
export function isCommand(cmd: ShellCommand, name: string, ...words: string[]): boolean {
  return commandName(cmd) === name && words.every((w) => cmd.args.includes(w));
}

/**
 * The non-flag arguments, after dropping flags that take a value (`-t`, `--target-release`)
 * together with that value.
 */
export function argsNoFlags(cmd: ShellCommand, valueFlags: readonly string[] = []): string[] {
  const out: string[] = [];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      const name = a.replace(/^--?/, '');
      if (!a.includes('=') && valueFlags.includes(name)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
