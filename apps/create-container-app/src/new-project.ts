import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CliError, EXIT } from '@dockwright/cli-kit';
import { recipes } from '@dockwright/sdk';
import { askDirectory, askPackageManager, askTemplate, confirmOverwrite } from './ask.js';
import type { ContainerPlan } from './container/container-plan.js';
import { composeWatchOf, renderContainer } from './container/render-container.js';
import { DEFAULTS } from './defaults.js';
import { generateLockfile } from './lockfile/generate-lockfile.js';
import { type LockCommand, nodeLockCommand, pythonLockCommand } from './lockfile/lock-command.js';
import { displayDir, nextSteps, printPlan, shellQuote } from './output.js';
import {
  hostCommands,
  isNodePackageManager,
  type NodePackageManagerChoice,
  type PackageManagerName,
  type PythonPackageManagerName,
  packageManagerFromUserAgent,
  resolveNodePackageManager,
} from './package-managers.js';
import type { Session } from './session.js';
import type { NewProjectSettings, Template } from './templates/template.js';
import { imageNameFor, validatePackageName } from './validate-package-name.js';
import { StagedProject } from './write/staged-project.js';
import { inspectTarget } from './write/target.js';

/**
 * A new project: its directory, template and package manager from flags, prompts or
 * defaults; the files rendered; the target checked; then staged, its lockfile made, and
 * moved into place. Resolves to the exit code: 1 when the project was written without the
 * lockfile its Dockerfile needs.
 */
export async function runNew(session: Session): Promise<number> {
  const { args, prompts, reporter } = session;

  // 1. Project directory, and the package name it gives.
  const dirArg = args.dir ?? (await askDirectory(prompts));
  if (dirArg === '') {
    throw new CliError(
      'The project directory is an empty string: give its name, or . for the current directory.',
    );
  }
  const target = resolve(dirArg);
  const name = basename(target);
  const problems = validatePackageName(name);
  if (problems.length > 0) {
    throw new CliError(
      `Invalid project name "${name}" (from the directory ${dirArg}):\n  - ${problems.join('\n  - ')}\nnpm's package-name rules apply: lowercase letters, digits, "-", "." and "_", not starting with "." or "_".`,
    );
  }

  // 2. Template, then what it asks: package manager, versions, port.
  const template = args.template ?? (await askTemplate(prompts));
  const { python, node } = await choosePackageManager(session, template);
  checkVersionFlags(session, template);
  const settings: NewProjectSettings = {
    name,
    imageName: imageNameFor(name),
    port: args.port ?? template.defaultPort,
    pythonVersion: args.pythonVersion ?? DEFAULTS.pythonVersion,
    nodeVersion: args.nodeVersion ?? DEFAULTS.nodeVersion,
    python,
    node,
  };
  const made = template.newProject(settings);
  const project =
    args.healthcheck === undefined
      ? made
      : { ...made, plan: { ...made.plan, healthcheck: args.healthcheck } };
  const pm: PackageManagerName = template.language === 'python' ? python : node.name;
  const readme = {
    kind: 'new' as const,
    name,
    description: template.description,
    developCommands: developCommands(template, pm, settings.port),
  };
  const render = (plan: ContainerPlan) => [...project.files, ...renderContainer(plan, readme)];
  const files = render(project.plan);

  // 3. The target: missing or empty is fine; non-empty needs --overwrite or an explicit yes.
  const display = displayDir(target);
  const state = inspectTarget(target, display);
  const entries = state.exists ? state.entries : [];
  const replaced = files.map((f) => f.path.split('/')[0] ?? '').filter((p) => entries.includes(p));
  let overwrite = args.overwrite;
  if (entries.length > 0 && overwrite === false) {
    await confirmOverwrite(prompts, dirArg, entries.length, [...new Set(replaced)]);
    overwrite = true;
  }
  const lock = args.install ? lockCommandFor(project.plan, '.') : undefined;
  const lockfile = lockfileOf(project.plan);

  // 4. --dry-run: the plan and the files, nothing written.
  if (args.dryRun) {
    printPlan(
      [
        `Directory:       ${display}`,
        `Template:        ${template.name}`,
        `Name:            ${name} (image ${settings.imageName})`,
        `Port:            ${settings.port}`,
        template.language === 'python'
          ? `Base image:      python:${settings.pythonVersion}-slim`
          : `Base image:      node:${settings.nodeVersion}-slim`,
        `Package manager: ${pm}${template.language === 'node' && node.version ? ` (packageManager: ${node.name}@${node.version})` : ''}`,
        ...(lockfile
          ? [
              lock
                ? `Then runs:       ${lock.command.join(' ')} (writes ${lockfile})`
                : `Then runs:       nothing (--no-install; no ${lockfile})`,
            ]
          : []),
        ...(replaced.length > 0 ? [`Replaces:        ${[...new Set(replaced)].join(', ')}`] : []),
      ],
      files,
    );
    return EXIT.ok;
  }

  // 5. Stage, make the lockfile, add the container files, move into place.
  const staged = new StagedProject({ target, shown: display, state, overwrite });
  session.active.staged = staged;
  staged.write(project.files);
  let plan = project.plan;
  let lockfileNote: string | undefined;
  if (lockfile && lock) {
    // The package manager runs on copies of the manifests in scratch space: only the lockfile
    // comes back into the project (no node_modules, no install state, no edited manifest).
    const scratch = staged.scratch('lock');
    for (const file of project.files) {
      if (LOCK_INPUTS.has(file.path)) writeFileSync(join(scratch, file.path), file.content);
    }
    const done = reporter.task(`Creating ${lockfile} with ${pm}`);
    const result = await generateLockfile(
      scratch,
      lockfile,
      lockCommandFor(project.plan, scratch) ?? lock,
      project.dependencies,
    );
    const finish = lockfileHint(pm, lockfile);
    if (result.ok) {
      done(true, `Created ${lockfile} (${result.command})`);
      staged.write([{ path: lockfile, content: readFileSync(join(scratch, lockfile), 'utf8') }]);
      plan = withLockedVersions(plan, scratch, lockfile);
    } else {
      lockfileNote = result.notInstalled
        ? `Could not create ${lockfile}: ${result.reason}.\nThe project is written without it. Install ${pm} and run \`${finish}\` in ${display} to create it: the Dockerfile needs it.`
        : `Could not create ${lockfile}: ${pm} failed (the registry may be unreachable, or the disk full).\n${result.reason}\n` +
          `The project is written without it. Once that is fixed, run \`${finish}\` in ${display} to create it: the Dockerfile needs it.`;
      done(false, lockfileNote);
    }
  }
  staged.write(renderContainer(plan, readme));
  const committed = staged.commit();
  session.active.staged = undefined;
  reporter.success(
    `Wrote ${committed.written.length} files to ${display}${committed.replaced.length > 0 ? ` (replaced ${committed.replaced.join(', ')})` : ''}`,
  );
  const steps: string[] = [];
  if (display !== '.') steps.push(`cd ${shellQuote(display)}`);
  if (lockfile && (!lock || lockfileNote)) {
    steps.push(`${lockfileHint(pm, lockfile)}   # creates ${lockfile}`);
  }
  steps.push('docker compose up --build   # Docker Compose v2');
  reporter.outro(
    nextSteps(
      steps,
      [
        `docker build -t ${settings.imageName} .`,
        `docker run --rm -p ${settings.port}:${settings.port} ${settings.imageName}`,
      ],
      settings.port,
      composeWatchOf(plan),
    ),
  );
  return lockfileNote ? EXIT.problems : EXIT.ok;
}

/** The package manager: the flag (checked against the template), a prompt, or the default. */
async function choosePackageManager(
  session: Session,
  template: Template,
): Promise<{ python: PythonPackageManagerName; node: NodePackageManagerChoice }> {
  const { args, prompts } = session;
  const agent = packageManagerFromUserAgent(process.env.npm_config_user_agent);
  const request = args.packageManager;
  if (request && !template.packageManagers.includes(request.name)) {
    throw new CliError(
      `--package-manager ${request.name} does not apply to the ${template.name} template; it takes ${template.packageManagers.join(', ')}.`,
    );
  }
  const fallback: PackageManagerName =
    template.language === 'node' ? (agent?.name ?? 'npm') : (template.packageManagers[0] ?? 'pip');
  const name =
    request?.name ??
    (prompts ? await askPackageManager(prompts, template.packageManagers, fallback) : fallback);
  const node = resolveNodePackageManager(
    { name: isNodePackageManager(name) ? name : 'npm', version: request?.version },
    agent,
  );
  return { python: isNodePackageManager(name) ? 'pip' : name, node };
}

function checkVersionFlags(session: Session, template: Template): void {
  const { args } = session;
  if (template.language === 'python' && args.nodeVersion !== undefined) {
    throw new CliError(`--node-version does not apply to the ${template.name} template.`);
  }
  if (template.language === 'node' && args.pythonVersion !== undefined) {
    throw new CliError(`--python-version does not apply to the ${template.name} template.`);
  }
}

/** The files of a new project a package manager reads to lock it. */
const LOCK_INPUTS = new Set(['package.json', '.yarnrc.yml', 'pyproject.toml']);

/** The lockfile a plan's Dockerfile installs from, if the package manager writes one. */
export function lockfileOf(plan: ContainerPlan): string | undefined {
  if (plan.language === 'node')
    return recipes.nodePackageManagers[plan.packageManager.kind].lockfile;
  return plan.packageManager === 'uv'
    ? 'uv.lock'
    : plan.packageManager === 'poetry'
      ? 'poetry.lock'
      : undefined;
}

export function lockCommandFor(plan: ContainerPlan, dir: string): LockCommand | undefined {
  return plan.language === 'node'
    ? nodeLockCommand(plan.packageManager.kind, dir)
    : pythonLockCommand(plan.packageManager);
}

/** The command that creates the lockfile by hand. */
export function lockfileHint(pm: PackageManagerName, lockfile: string): string {
  if (lockfile === 'uv.lock') return 'uv lock';
  if (lockfile === 'poetry.lock') return 'poetry lock';
  return hostCommands(pm).install;
}

/** Poetry's version, read from the lockfile's header, pins the one that exports it in the image. */
export function withLockedVersions(
  plan: ContainerPlan,
  dir: string,
  lockfile: string,
): ContainerPlan {
  if (plan.language !== 'python' || lockfile !== 'poetry.lock') return plan;
  const version = poetryVersionOf(readFileSync(join(dir, lockfile), 'utf8'));
  return version ? { ...plan, poetryVersion: version } : plan;
}

/**
 * The Poetry release that wrote a poetry.lock, from its first line.
 *
 * @example
 * ```ts
 * poetryVersionOf('# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.\n')
 * // '1.8.3'
 * ```
 */
export function poetryVersionOf(text: string): string | undefined {
  return /^# This file is automatically @generated by Poetry (\d+\.\d+\.\d+)/.exec(text)?.[1];
}

function developCommands(template: Template, pm: PackageManagerName, port: number): string[] {
  const host = hostCommands(pm);
  if (template.language === 'python') {
    const run = `flask --app app run --port ${port}`;
    if (pm === 'uv') return ['uv sync', `uv run ${run}`];
    if (pm === 'poetry') return ['poetry install', `poetry run ${run}`];
    return ['python -m venv .venv', '. .venv/bin/activate', 'pip install -r requirements.txt', run];
  }
  return template.name === 'node-ts'
    ? [host.install, host.run('build'), host.run('start')]
    : [host.install, host.run('dev')];
}
