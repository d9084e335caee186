import { basename, resolve } from 'node:path';
import { CliError, EXIT } from '@dockwright/cli-kit';
import type { PackageManagerName } from './package-managers.js';
import type { Prompts } from './session.js';
import { TEMPLATES } from './templates/index.js';
import type { Template } from './templates/template.js';
import { validatePackageName } from './validate-package-name.js';

// Every question has a flag, named in the prompt; without a terminal, a missing answer is an
// error that names the flag instead.

export async function askDirectory(prompts: Prompts | undefined): Promise<string> {
  if (!prompts) {
    throw new CliError(
      `Missing the project directory. Usage: create-container-app <dir> --template ${TEMPLATES.map((t) => t.name).join('|')} (run --help for all options).`,
    );
  }
  const answer = await prompts.text({
    message: 'Project directory (its name becomes the package and image name):',
    placeholder: 'container-app',
    defaultValue: 'container-app',
    validate: (value) => {
      const problems = validatePackageName(basename(resolve(value || 'container-app')));
      return problems.length > 0 ? `Invalid name: ${problems.join('; ')}` : undefined;
    },
  });
  return checkCancel(prompts, answer);
}

export async function askTemplate(prompts: Prompts | undefined): Promise<Template> {
  if (!prompts) {
    throw new CliError(
      `Missing --template. Use --template ${TEMPLATES.map((t) => t.name).join(' or --template ')}.`,
    );
  }
  const answer = await prompts.select<string>({
    message: 'Template (--template):',
    options: TEMPLATES.map((t) => ({ value: t.name, label: t.label, hint: t.hint })),
  });
  const name = checkCancel(prompts, answer);
  return TEMPLATES.find((t) => t.name === name) as Template;
}

export async function askPackageManager(
  prompts: Prompts,
  choices: readonly PackageManagerName[],
  initial: PackageManagerName,
): Promise<PackageManagerName> {
  const answer = await prompts.select<PackageManagerName>({
    message: 'Package manager (--package-manager):',
    initialValue: initial,
    options: choices.map((pm) => ({ value: pm, label: pm })),
  });
  return checkCancel(prompts, answer);
}

/**
 * A value detection could not settle (`--existing`): asked on a terminal, else an error that
 * says what was found and which flag settles it.
 */
export async function askValue(
  prompts: Prompts | undefined,
  question: { message: string; flag: string; problem: string; placeholder?: string },
  validate: (value: string) => string | undefined,
): Promise<string> {
  if (!prompts) throw new CliError(`${question.problem} Pass ${question.flag}.`);
  const answer = await prompts.text({
    message: `${question.message} (${question.flag.split(' ')[0]}):`,
    ...(question.placeholder ? { placeholder: question.placeholder } : {}),
    validate: (value) => validate(value ?? ''),
  });
  return checkCancel(prompts, answer);
}

export async function confirmOverwrite(
  prompts: Prompts | undefined,
  dir: string,
  count: number,
  replaced: readonly string[],
): Promise<void> {
  const which =
    replaced.length > 0
      ? `it would replace ${replaced.join(', ')}`
      : 'it would replace none of them';
  if (!prompts) {
    throw new CliError(
      `${dir} is not empty (${count} ${count === 1 ? 'entry' : 'entries'}; ${which}). Pass --overwrite to write the project's files into it (other files are kept), or choose another directory.`,
    );
  }
  const answer = await prompts.select<'cancel' | 'overwrite'>({
    message: `${dir} is not empty (${which}). What now? (--overwrite)`,
    options: [
      { value: 'cancel', label: 'Cancel' },
      {
        value: 'overwrite',
        label: 'Write the project files into it',
        hint: 'other files are kept',
      },
    ],
  });
  if (checkCancel(prompts, answer) === 'cancel') {
    throw new CliError('Cancelled; nothing was written.');
  }
}

/** Ctrl-C or Escape in a prompt: stop before anything is written. */
export function checkCancel<T>(prompts: Prompts, answer: T): Exclude<T, symbol> {
  if (prompts.isCancel(answer)) {
    // Ctrl-C (or Escape) at a prompt: the terminal is in raw mode, so it arrives as a key, not
    // as SIGINT; exit as an interrupt would (130, as --help documents).
    prompts.cancel('Cancelled; nothing was written.');
    process.exit(EXIT.interrupted);
  }
  return answer as Exclude<T, symbol>;
}
