import { formatJsonArray, type InstructionNode, withArgumentsText } from '@dockwright/ast';
import type { RuleContext } from '../rule-context.js';
import type { Fix } from '../types.js';

/** Words that make a command line depend on the shell (builtins, keywords). */
const SHELL_WORDS = new Set([
  '.',
  ':',
  'alias',
  'bg',
  'break',
  'case',
  'cd',
  'command',
  'continue',
  'do',
  'done',
  'elif',
  'else',
  'esac',
  'eval',
  'exec',
  'exit',
  'export',
  'fg',
  'fi',
  'for',
  'function',
  'if',
  'jobs',
  'local',
  'read',
  'readonly',
  'return',
  'select',
  'set',
  'shift',
  'source',
  'then',
  'time',
  'trap',
  'ulimit',
  'umask',
  'unalias',
  'unset',
  'until',
  'wait',
  'while',
  '!',
  '{',
  '}',
]);

/**
 * The words of a shell-form command when it uses no shell feature at all: no variables,
 * quotes, escapes, globs, redirections, operators, comments, assignments or builtins. Then
 * `/bin/sh -c "a b c"` and the exec form `["a", "b", "c"]` run the same program with the
 * same arguments. Null otherwise.
 */
export function plainWords(command: string): string[] | null {
  if (/[$`'"\\|&;<>()*?[\]~#{}!=%^\n\r]/.test(command)) return null;
  const words = command.split(/[ \t]+/).filter((w) => w !== '');
  if (words.length === 0) return null;
  if (SHELL_WORDS.has(words[0]!)) return null;
  return words;
}

/**
 * CMD/ENTRYPOINT in exec form, when the shell form uses no shell features; the keyword and
 * flags keep their bytes.
 */
export function execFormFix(ctx: RuleContext, node: InstructionNode): Fix | null {
  if (node.json || node.args.length !== 1 || node.flags.length > 0) return null;
  const words = plainWords(node.args[0]!);
  if (!words) return null;
  const json = formatJsonArray(words);
  const replacement = withArgumentsText(node, ` ${json}`, ctx.escape);
  if (!replacement?.json) return null;
  if (replacement.args.join('\u0000') !== words.join('\u0000')) return null;
  return {
    description: `Use the exec form ${json}`,
    edits: [{ target: node, replacement }],
  };
}
