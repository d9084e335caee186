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
  /** The flags among `args`, each with the index of the word it comes from. */
  readonly flags: readonly CommandFlag[];
}

export interface CommandFlag {
  readonly name: string;
  /** Index into `args` of the word the flag is part of. */
  readonly index: number;
}

/** The flags of every command without one. */
const NO_FLAGS: readonly CommandFlag[] = Object.freeze([]);

/** A command from its name and argument words; the flags are derived from the words. */
export function shellCommand(name: string, args: readonly string[]): ShellCommand {
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
  return { name, args, flags: flags ?? NO_FLAGS };
}

/** `name` is the command and one of its words is one of `words` (hadolint `cmdHasArgs`). */
export function cmdHasArgs(
  cmd: ShellCommand,
  names: string | readonly string[],
  words: readonly string[],
): boolean {
  if (typeof names === 'string' ? cmd.name !== names : !names.includes(cmd.name)) return false;
  return cmd.args.some((a) => words.includes(a));
}

/** `name` is the command and a word starts with `prefix` (hadolint `cmdHasPrefixArg`). */
export function cmdHasPrefixArg(cmd: ShellCommand, name: string, prefix: string): boolean {
  return cmd.name === name && cmd.args.some((a) => a.startsWith(prefix));
}

export function hasFlag(cmd: ShellCommand, flag: string): boolean {
  return cmd.flags.some((f) => f.name === flag);
}

export function hasAnyFlag(cmd: ShellCommand, flags: readonly string[]): boolean {
  return cmd.flags.some((f) => flags.includes(f.name));
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

/** The words that are not flags (values of flags included: see {@link dropFlagArg}). */
export function argsNoFlags(cmd: ShellCommand): string[] {
  // Flags come in the order of their words (a flag whose word was dropped has index -1).
  const { args, flags } = cmd;
  const out: string[] = [];
  let k = 0;
  for (let i = 0; i < args.length; i++) {
    while (k < flags.length && flags[k]!.index < i) k++;
    if (k < flags.length && flags[k]!.index === i) continue;
    out.push(args[i]!);
  }
  return out;
}

/**
 * The command without the values of the given flags: the word after each of them, unless the
 * flag word holds its value (`--target-release=x`). hadolint `dropFlagArg`.
 */
export function dropFlagArg(cmd: ShellCommand, flags: readonly string[]): ShellCommand {
  const drop = new Set<number>();
  for (const f of cmd.flags) {
    if (flags.includes(f.name) && !cmd.args[f.index]!.includes('=')) drop.add(f.index + 1);
  }
  if (drop.size === 0) return cmd;
  const kept: string[] = [];
  const keptFlags: CommandFlag[] = [];
  const newIndex = new Map<number, number>();
  cmd.args.forEach((a, i) => {
    if (drop.has(i)) return;
    newIndex.set(i, kept.length);
    kept.push(a);
  });
  // hadolint keeps every flag, also one whose word was dropped as a value.
  for (const f of cmd.flags) keptFlags.push({ name: f.name, index: newIndex.get(f.index) ?? -1 });
  return { name: cmd.name, args: kept, flags: keptFlags };
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

/**
 * `pip install`, `pip3 install`, `python -m pip install` (hadolint `isPipInstall`); `pipenv`
 * is not pip.
 */
export function isPipInstall(cmd: ShellCommand): boolean {
  if (cmd.name.startsWith('pip') && !cmd.name.startsWith('pipenv')) {
    return cmd.args.includes('install');
  }
  if (cmd.name.startsWith('python')) return hasSequence(cmd.args, ['-m', 'pip', 'install']);
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
