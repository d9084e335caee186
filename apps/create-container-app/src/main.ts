#!/usr/bin/env node
import { basename, relative, resolve } from 'node:path';
import {
  DEFAULTS,
  PACKAGE_MANAGERS,
  type PackageManagerName,
  TEMPLATES,
  type TemplateName,
} from './choices.js';
import { CliError } from './cli-error.js';
import { COMPOSE_WATCH_COMMAND } from './compose-file.js';
import { generateLockfile, killRunningPackageManager } from './generate-lockfile.js';
import { helpText } from './help-text.js';
import { ignoreBrokenPipe } from './ignore-broken-pipe.js';
import {
  hostCommands,
  LOCKFILES,
  lockfileCommand,
  packageManagerField,
  packageManagerFromUserAgent,
} from './package-manager.js';
import { parseCliArgs } from './parse-cli-args.js';
import type { ProjectOptions } from './project-options.js';
import { renderProject } from './render-project.js';
import { clackReporter, plainReporter, type Reporter } from './reporter.js';
import { inspectTarget, type ProjectFile, StagedProject } from './stage-project.js';
import { style } from './style.js';
import { imageNameFor, validatePackageName } from './validate-package-name.js';

/** clack, loaded only for an interactive run (it pulls in node:tty and node:readline). */
type Prompts = typeof import('./prompts.js');

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** Set while a staging directory exists, so a signal can remove it. */
let staged: StagedProject | undefined;

function onSignal(signal: NodeJS.Signals): void {
  killRunningPackageManager();
  staged?.discard();
  process.stderr.write(
    `\n${style('red', '✖', process.stderr)} Interrupted (${signal}); nothing was written.\n`,
  );
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

async function main(argv: readonly string[]): Promise<void> {
  // 1. Flags: parsed and validated before anything else happens.
  const args = parseCliArgs(argv);
  if (args.help) {
    process.stdout.write(helpText(VERSION));
    return;
  }
  if (args.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  // Prompts only with a terminal on stdin; otherwise every missing answer is an error.
  const prompts: Prompts | undefined =
    args.interactive && process.stdin.isTTY === true ? await import('./prompts.js') : undefined;
  const reporter: Reporter = prompts ? clackReporter(prompts) : plainReporter();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  reporter.intro();

  // 2. Project directory, and the package name it gives.
  const dirArg = args.dir ?? (await askDirectory(prompts));
  const target = resolve(dirArg);
  const name = basename(target);
  const problems = validatePackageName(name);
  if (problems.length > 0) {
    throw new CliError(
      `Invalid project name "${name}" (from the directory ${dirArg}):\n  - ${problems.join('\n  - ')}\nnpm's package-name rules apply: lowercase letters, digits, "-", "." and "_", not starting with "." or "_".`,
    );
  }

  // 3. Template.
  const template = args.template ?? (await askTemplate(prompts));

  // 4. Package manager (node only): flag, prompt, or the one that ran `npm/pnpm/yarn create`.
  const agent = packageManagerFromUserAgent(process.env.npm_config_user_agent);
  let packageManager: PackageManagerName = args.packageManager ?? agent?.name ?? 'npm';
  if (template === 'node' && args.packageManager === undefined && prompts) {
    packageManager = await askPackageManager(prompts, packageManager);
  }
  if (template === 'flask' && args.packageManager !== undefined) {
    throw new CliError('--package-manager applies to the node template only.');
  }
  if (template === 'flask' && args.nodeVersion !== undefined) {
    throw new CliError('--node-version applies to the node template only.');
  }
  if (template === 'node' && args.pythonVersion !== undefined) {
    throw new CliError('--python-version applies to the flask template only.');
  }

  const options: ProjectOptions = {
    name,
    imageName: imageNameFor(name),
    template,
    port: args.port ?? (template === 'flask' ? DEFAULTS.flaskPort : DEFAULTS.nodePort),
    pythonVersion: args.pythonVersion ?? DEFAULTS.pythonVersion,
    nodeVersion: args.nodeVersion ?? DEFAULTS.nodeVersion,
    packageManager,
    packageManagerField:
      template === 'node' ? packageManagerField(packageManager, agent) : undefined,
  };
  const files = renderProject(options);

  // 5. The target: missing or empty is fine; non-empty needs --overwrite or an explicit yes.
  const state = inspectTarget(target);
  const replaced = files.map((f) => f.path).filter((p) => state.entries.includes(p));
  if (state.entries.length > 0 && !args.overwrite) {
    await confirmOverwrite(prompts, dirArg, state.entries.length, replaced);
  }

  const display = displayDir(target);
  const runInstall = template === 'node' && args.install;
  // 6. --dry-run: the plan and the files, nothing written.
  if (args.dryRun) {
    printPlan(options, display, files, replaced, runInstall);
    return;
  }

  // 7. Stage, install, move into place.
  staged = new StagedProject(target);
  try {
    staged.write(files);
    let lockfileNote: string | undefined;
    if (runInstall) {
      const lockfile = LOCKFILES[packageManager];
      const done = reporter.task(`Creating ${lockfile} with ${packageManager}`);
      const result = await generateLockfile(staged.dir, packageManager);
      for (const leftover of lockfileCommand(packageManager).leftovers) staged.remove(leftover);
      if (result.ok) {
        done(true, `Created ${lockfile} (${result.command})`);
      } else {
        lockfileNote =
          `Could not create ${lockfile}: ${packageManager} failed (the npm registry may be unreachable).\n${result.reason}\n` +
          `The project is written without it. Once the registry can be reached, run \`${hostCommands(packageManager).install}\` in ${display} to create it: the Dockerfile needs it.`;
        done(false, lockfileNote);
      }
    }
    const written = staged.commit();
    staged = undefined;
    reporter.success(
      `Wrote ${written.length} files to ${display}${replaced.length > 0 ? ` (replaced ${replaced.join(', ')})` : ''}`,
    );
    reporter.outro(outroText(options, display, runInstall, lockfileNote !== undefined));
  } finally {
    staged?.discard();
    staged = undefined;
  }
}

async function askDirectory(prompts: Prompts | undefined): Promise<string> {
  if (!prompts) {
    throw new CliError(
      'Missing the project directory. Usage: create-container-app <dir> --template flask|node (run --help for all options).',
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

async function askTemplate(prompts: Prompts | undefined): Promise<TemplateName> {
  if (!prompts) {
    throw new CliError(
      `Missing --template. Use --template ${TEMPLATES.map((t) => t.value).join(' or --template ')}.`,
    );
  }
  const answer = await prompts.select<TemplateName>({
    message: 'Template (--template):',
    options: TEMPLATES.map((t) => ({ value: t.value, label: t.label, hint: t.hint })),
  });
  return checkCancel(prompts, answer);
}

async function askPackageManager(
  prompts: Prompts,
  initial: PackageManagerName,
): Promise<PackageManagerName> {
  const answer = await prompts.select<PackageManagerName>({
    message: 'Package manager (--package-manager):',
    initialValue: initial,
    options: PACKAGE_MANAGERS.map((pm) => ({ value: pm, label: pm })),
  });
  return checkCancel(prompts, answer);
}

async function confirmOverwrite(
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
  if (checkCancel(prompts, answer) === 'cancel')
    throw new CliError('Cancelled; nothing was written.');
}

/** Ctrl-C or Escape in a prompt: stop before anything is written. */
function checkCancel<T>(prompts: Prompts, answer: T): Exclude<T, symbol> {
  if (prompts.isCancel(answer)) {
    // Ctrl-C (or Escape) at a prompt: the terminal is in raw mode, so it arrives as a key, not
    // as SIGINT; exit as an interrupt would (130, as --help documents).
    prompts.cancel('Cancelled; nothing was written.');
    process.exit(130);
  }
  return answer as Exclude<T, symbol>;
}

function displayDir(target: string): string {
  const rel = relative(process.cwd(), target);
  return rel === '' ? '.' : rel.startsWith('..') ? target : rel;
}

function shellQuote(word: string): string {
  return /^[\w./@:=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function printPlan(
  options: ProjectOptions,
  display: string,
  files: readonly ProjectFile[],
  replaced: readonly string[],
  runInstall: boolean,
): void {
  const lines = [
    `Dry run: nothing is written.`,
    `Directory:       ${display}`,
    `Template:        ${options.template}`,
    `Name:            ${options.name} (image ${options.imageName})`,
    `Port:            ${options.port}`,
    options.template === 'flask'
      ? `Base image:      python:${options.pythonVersion}-slim`
      : `Base image:      node:${options.nodeVersion}-slim`,
  ];
  if (options.template === 'node') {
    lines.push(
      `Package manager: ${options.packageManager}${options.packageManagerField ? ` (packageManager: ${options.packageManagerField})` : ''}`,
    );
    lines.push(
      runInstall
        ? `Then runs:       ${lockfileCommand(options.packageManager).command.join(' ')} (writes ${LOCKFILES[options.packageManager]})`
        : `Then runs:       nothing (--no-install; no ${LOCKFILES[options.packageManager]})`,
    );
  }
  if (replaced.length > 0) lines.push(`Replaces:        ${replaced.join(', ')}`);
  lines.push(`Files:`);
  for (const file of files)
    lines.push(`  ${file.path.padEnd(18)} ${Buffer.byteLength(file.content)} bytes`);
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const file of files) {
    process.stdout.write(`\n${style('dim', `──── ${file.path} ────`)}\n${file.content}`);
  }
}

function outroText(
  options: ProjectOptions,
  display: string,
  installed: boolean,
  lockfileFailed: boolean,
): string {
  const steps: string[] = [];
  if (display !== '.') steps.push(`cd ${shellQuote(display)}`);
  if (options.template === 'node' && (!installed || lockfileFailed)) {
    steps.push(
      `${hostCommands(options.packageManager).install}   # creates ${LOCKFILES[options.packageManager]}`,
    );
  }
  steps.push('docker compose up --build   # Docker Compose v2');
  const alt = [
    `docker build -t ${options.imageName} .`,
    `docker run --rm -p ${options.port}:${options.port} ${options.imageName}`,
  ];
  const list = (lines: readonly string[]) => lines.map((l) => `  ${style('cyan', l)}`).join('\n');
  return (
    `Done. Now run:\n\n${list(steps)}\n\nor, without Compose:\n\n${list(alt)}\n\n` +
    `then open http://localhost:${options.port}\n\n` +
    `To sync your edits into the running container (Compose 2.23 or newer):\n\n${list([COMPOSE_WATCH_COMMAND])}`
  );
}

ignoreBrokenPipe(process.stdout);
ignoreBrokenPipe(process.stderr);
main(process.argv.slice(2)).catch((error: unknown) => {
  killRunningPackageManager();
  staged?.discard();
  const debug = process.argv.includes('--debug');
  if (error instanceof CliError) {
    process.stderr.write(`${style('red', '✖', process.stderr)} ${error.message}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(
    `${style('red', '✖', process.stderr)} Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
