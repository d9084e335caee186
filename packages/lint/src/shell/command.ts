/**
 * A simple command of a RUN script and the questions rules ask about it, with hadolint's
 * meanings (`Hadolint.Shell`): a flag is a word starting with `-` (`-yq` is the flags `y` and
 * `q`, `--no-cache=1` the flag `no-cache`, `--` and `-` are none), and a flag's value is the
 * word after it unless the flag word holds `=`.
 */
export interface ShellCommand {
  /** The command name: `apt-get` for `apt-get install …`, also for `command apt-get …`. */
  readonly name: string;
  /** The words after the command word, quotes removed, variables written `${NAME}`. */
  readonly args: readonly string[];
  /**
   * The flags among `args`, each with the index of the word it comes from. Worked out when first
   * read (a getter): `JSON.stringify` shows them, a spread copy (`{ ...command }`) does not.
   */
  readonly flags: readonly CommandFlag[];
}

export interface CommandFlag {
  readonly name: string;
  /** Index into `args` of the word the flag is part of. */
  readonly index: number;
}

/** The flags of every command without one. */
const NO_COMMAND_FLAGS: readonly CommandFlag[] = Object.freeze([]);

/**
 * A command read from a script. Its flags are derived from its words when first asked for:
 * rules ask only about the few commands they look for (`apt-get`, `pip`), so most commands of a
 * script never need them.
 */
class Command implements ShellCommand {
  readonly name: string;
  readonly args: readonly string[];
  #flags: readonly CommandFlag[] | null = null;

  constructor(name: string, args: readonly string[]) {
    this.name = name;
    this.args = args;
  }

  get flags(): readonly CommandFlag[] {
    this.#flags ??= flagsOf(this.args);
    return this.#flags;
  }

  /** The command as a plain `{ name, args, flags }` (JSON.stringify shows its flags too). */
  toJSON(): { name: string; args: readonly string[]; flags: readonly CommandFlag[] } {
    return { name: this.name, args: this.args, flags: this.flags };
  }
}

/** A command from its name and argument words; the flags are derived from the words. */
export function shellCommand(name: string, args: readonly string[]): ShellCommand {
  return new Command(name, args);
}

function flagsOf(args: readonly string[]): readonly CommandFlag[] {
  let flags: CommandFlag[] | null = null;
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    if (word.charCodeAt(0) !== 45 || word === '--' || word === '-') continue;
    flags ??= [];
    if (word.charCodeAt(1) === 45) {
      const eq = word.indexOf('=', 2);
      flags.push({ name: word.slice(2, eq < 0 ? undefined : eq), index });
    } else {
      for (const ch of word.slice(1)) flags.push({ name: ch, index });
    }
  }
  return flags ?? NO_COMMAND_FLAGS;
}

/** `name` is the command and one of its words is one of `words` (hadolint `cmdHasArgs`). */
export function cmdHasArgs(
  cmd: ShellCommand,
  names: string | readonly string[],
  words: readonly string[],
): boolean {
  if (typeof names === 'string' ? cmd.name !== names : !names.includes(cmd.name)) return false;
  for (const a of cmd.args) if (words.includes(a)) return true;
  return false;
}

/** `name` is the command and a word starts with `prefix` (hadolint `cmdHasPrefixArg`). */
export function cmdHasPrefixArg(cmd: ShellCommand, name: string, prefix: string): boolean {
  if (cmd.name !== name) return false;
  for (const a of cmd.args) if (a.startsWith(prefix)) return true;
  return false;
}

export function hasFlag(cmd: ShellCommand, flag: string): boolean {
  for (const f of cmd.flags) if (f.name === flag) return true;
  return false;
}

export function hasAnyFlag(cmd: ShellCommand, flags: readonly string[]): boolean {
  for (const f of cmd.flags) if (flags.includes(f.name)) return true;
  return false;
}

/** How often a flag is given: `-qq` counts `q` twice. */
export function countFlag(cmd: ShellCommand, flag: string): number {
  let n = 0;
  for (const f of cmd.flags) if (f.name === flag) n++;
  return n;
}

export function hasArg(cmd: ShellCommand, word: string): boolean {
  return cmd.args.includes(word);
}

const NO_FLAGS: readonly string[] = [];

/**
 * The words that are neither flags nor values of `valueFlags` (hadolint's `argsNoFlags` after
 * `dropFlagArg valueFlags`): the word after one of `valueFlags` is its value unless the flag
 * word holds it (`--target-release=x`). A flag word taken as a value (`-t -y`) still takes the
 * values of its own flags, as in hadolint. Without `valueFlags`, flag values are kept as words.
 */
export function argsNoFlags(cmd: ShellCommand, valueFlags: readonly string[] = NO_FLAGS): string[] {
  // Flags come in the order of their words: one pass over both.
  const { args, flags } = cmd;
  const out: string[] = [];
  let k = 0;
  let isValue = false;
  for (let i = 0; i < args.length; i++) {
    while (k < flags.length && flags[k]!.index < i) k++;
    let isFlag = false;
    let takesValue = false;
    for (; k < flags.length && flags[k]!.index === i; k++) {
      isFlag = true;
      if (valueFlags.includes(flags[k]!.name)) takesValue = true;
    }
    if (!isFlag && !isValue) out.push(args[i]!);
    isValue = takesValue && !args[i]!.includes('=');
  }
  return out;
}

/** The value words of a flag: `useradd -u 12345 app` gives `['12345']` for `u`. */
export function flagValues(cmd: ShellCommand, flag: string): string[] {
  const out: string[] = [];
  for (const f of cmd.flags) {
    if (f.name !== flag) continue;
    const value = cmd.args[f.index + 1];
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** The words after the first `install` (hadolint's `stripInstallPrefix`). */
export function afterInstall(words: readonly string[]): string[] {
  const i = words.indexOf('install');
  if (i < 0) return [];
  let j = i;
  while (j < words.length && words[j] === 'install') j++;
  return words.slice(j);
}

const PYTHON_M_PIP_INSTALL = ['-m', 'pip', 'install'];

/**
 * `pip install`, `pip3 install`, `python -m pip install` (hadolint `isPipInstall`); `pipenv`
 * is not pip.
 */
export function isPipInstall(cmd: ShellCommand): boolean {
  if (cmd.name.startsWith('pip') && !cmd.name.startsWith('pipenv')) {
    return cmd.args.includes('install');
  }
  if (cmd.name.startsWith('python')) return hasSequence(cmd.args, PYTHON_M_PIP_INSTALL);
  return false;
}

/** Whether a file whose RUNs run `names` (`ctx.commandNames()`) may run a pip install. */
export function mayRunPip(names: ReadonlySet<string>): boolean {
  for (const name of names) if (name.startsWith('pip') || name.startsWith('python')) return true;
  return false;
}

/** Whether the command names of a file (`ctx.commandNames()`) hold one of `wanted`. */
export function runsAnyOf(names: ReadonlySet<string>, wanted: readonly string[]): boolean {
  for (const name of wanted) if (names.has(name)) return true;
  return false;
}

/** `words` appears in `list` as consecutive items (Haskell's `isInfixOf` on lists). */
export function hasSequence(list: readonly string[], words: readonly string[]): boolean {
  outer: for (let i = 0; i + words.length <= list.length; i++) {
    for (let k = 0; k < words.length; k++) if (list[i + k] !== words[k]) continue outer;
    return true;
  }
  return false;
}
