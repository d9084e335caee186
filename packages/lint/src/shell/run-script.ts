import { heredocContent, type InstructionNode } from '@dockwright/ast';
import type { ShellCommand } from './command.js';
import { parseShell, type ShellScript } from './parse-shell.js';

/** A RUN instruction with its script read the way hadolint reads it. */
export interface RunScript {
  readonly node: InstructionNode;
  /** The script text (hadolint's `Shell.original`). */
  readonly text: string;
  readonly script: ShellScript;
  /** The script's simple commands (`script.commands`). */
  readonly commands: readonly ShellCommand[];
}

const SHELLS = /(^|[\\/])(sh|bash|ash|dash|zsh|ksh|mksh)(\.exe)?$/;
/** `-c`, `-ec`, `-xec`: the shell option that takes the script. */
const COMMAND_OPTION = /^-[a-z]*c$/;
/** A command line that is only a heredoc: `<<EOF`, `<<-"EOF"`. */
const ONLY_HEREDOC = /^\s*[0-9]*<<-?\S+\s*$/;
const BLANKS = /\s+/;
const HEREDOC_MARKER = /[0-9]*<<-?(?:"[^"]*"|'[^']*'|\S+)/g;
const PLAIN_WORD = /^[\w@%+=:,./-]+$/;

/**
 * The script a RUN runs, as text for {@link parseShell}:
 * - shell form: the command line (continuations joined as BuildKit joins them); a heredoc that
 *   is the whole command line (`RUN <<EOF`) is the script, and the body of a heredoc fed to a
 *   shell (`RUN bash <<EOF`) is appended, since both run its commands;
 * - exec form: `["sh", "-c", "script"]` is the script; other exec forms are the words joined
 *   (quoted where needed), one command, as hadolint reads them.
 *
 * @example
 * ```ts
 * runText(parse('RUN ["apt-get", "install", "-y", "curl"]').children[0]) // 'apt-get install -y curl'
 * ```
 */
export function runText(node: InstructionNode): string {
  if (node.json) {
    const args = node.args;
    if (args.length >= 3 && SHELLS.test(args[0]!) && COMMAND_OPTION.test(args[1]!)) return args[2]!;
    return args.map(quoteWord).join(' ');
  }
  const line = node.args[0] ?? '';
  if (node.heredocs.length === 0) return line;
  if (ONLY_HEREDOC.test(line)) return heredocContent(node.heredocs[0]!);
  const first = line.trim().split(BLANKS)[0] ?? '';
  if (!SHELLS.test(first)) return line;
  // The shell reads its commands from the heredoc: they run as if written after it.
  const command = line.replace(HEREDOC_MARKER, '');
  return `${command}\n${node.heredocs.map((h) => heredocContent(h)).join('\n')}`;
}

function quoteWord(word: string): string {
  return PLAIN_WORD.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Parses a RUN's script (see {@link runText}). */
export function readRun(node: InstructionNode): RunScript {
  const text = runText(node);
  const script = parseShell(text);
  return { node, text, script, commands: script.commands };
}
