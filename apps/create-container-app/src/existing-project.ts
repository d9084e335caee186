import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT } from '@dockwright/cli-kit';
import { askValue } from './ask.js';
import { composeWatchOf, renderContainer } from './container/render-container.js';
import type { Detection, DetectOverrides, Question } from './detect/detection.js';
import { ProjectDir } from './detect/project-dir.js';
import { generateLockfile } from './lockfile/generate-lockfile.js';
import { lockCommandFor, lockfileHint, withLockedVersions } from './new-project.js';
import { displayDir, nextSteps, printPlan, shellQuote } from './output.js';
import { parsePort } from './parse-cli-args.js';
import type { Session } from './session.js';
import { DETECTION_ORDER } from './templates/index.js';
import type { Template } from './templates/template.js';
import { imageNameFor } from './validate-package-name.js';
import { StagedProject } from './write/staged-project.js';
import { inspectTarget } from './write/target.js';

/**
 * `--existing [DIR]`: detect the project in DIR (default the current directory) and add the
 * container files beside it: Dockerfile, .dockerignore, compose.yaml, compose.watch.yaml,
 * README.Docker.md, and the lockfile when the project has none. No file that exists is changed unless
 * `--overwrite=NAME` names it; a project it cannot containerise well gets a message saying what
 * was found and which flag settles it, never a Dockerfile that cannot run.
 */
export async function runExisting(session: Session): Promise<number> {
  const { args, prompts, reporter } = session;
  const dirArg = args.dir ?? '.';
  if (dirArg === '') {
    throw new CliError(
      'The project directory is an empty string: give its path, or leave it out for the current directory.',
    );
  }
  const target = resolve(dirArg);
  const display = displayDir(target);
  const state = inspectTarget(target, display);
  if (!state.exists) {
    throw new CliError(
      `${display} does not exist: --existing adds container files to a project that is there. To create a new project, leave out --existing.`,
    );
  }
  if (args.overwrite === true) {
    throw new CliError(
      '--existing replaces only the files --overwrite names: pass --overwrite=Dockerfile,compose.yaml (the ones to replace).',
    );
  }
  const name = basename(target);
  const imageName = imageNameFor(name);
  const dir = new ProjectDir(target);

  // 1. Detect, asking (on a terminal) for what cannot be detected.
  let overrides: DetectOverrides = args;
  const templates = args.template ? [args.template] : DETECTION_ORDER;
  let detected = detect(templates, dir, overrides, imageName);
  for (let asked = 0; detected && !detected.detection.ok && asked < 4; asked++) {
    const question = detected.detection.question;
    if (!question || !prompts) break;
    const answer = await askValue(
      prompts,
      { ...question, problem: detected.detection.problem },
      validatorFor(question),
    );
    overrides = { ...overrides, [question.key]: question.key === 'port' ? Number(answer) : answer };
    detected = detect(templates, dir, overrides, imageName);
  }
  if (!detected) {
    throw new CliError(
      `Found no project to containerise in ${display}: ${args.template ? `nothing the ${args.template.name} template knows (` : '('}no package.json, requirements.txt or pyproject.toml). To create a new project, leave out --existing.`,
    );
  }
  const { template, detection } = detected;
  if (!detection.ok) {
    const flag = detection.question ? ` Pass ${detection.question.flag}.` : '';
    throw new CliError(
      `${detection.problem}${flag}${detection.found.length > 0 ? `\nFound:\n  - ${detection.found.join('\n  - ')}` : ''}`,
    );
  }

  // 2. The files, and which of them exist already.
  const readme = { kind: 'existing' as const, name, found: detection.found };
  const files = renderContainer(detection.plan, readme);
  const lockfile = detection.missingLockfile;
  const named = args.overwrite instanceof Set ? args.overwrite : new Set<string>();
  const entries = new Set(state.entries);
  const exist = [...files.map((f) => f.path), ...(lockfile ? [lockfile] : [])].filter((p) =>
    entries.has(p),
  );
  const refused = exist.filter((p) => !named.has(p));
  const unknown = [...named].filter((n) => !files.some((f) => f.path === n));
  if (unknown.length > 0) {
    throw new CliError(
      `--overwrite names ${unknown.join(', ')}, which --existing does not write (it writes ${files.map((f) => f.path).join(', ')}).`,
    );
  }
  if (refused.length > 0 && !args.dryRun) {
    throw new CliError(
      `${refused.join(', ')} already ${refused.length === 1 ? 'exists' : 'exist'} in ${display}, and --existing never changes a file unless told to. Pass --overwrite=${refused.join(',')} to replace ${refused.length === 1 ? 'it' : 'them'}, or --dry-run to see what would be written.`,
    );
  }

  // 3. --dry-run: what was found and what would be written.
  if (args.dryRun) {
    printPlan(
      [
        `Directory:       ${display}`,
        `Template:        ${template.name}`,
        `Image:           ${imageName}`,
        'Found:',
        ...detection.found.map((f) => `  - ${f}`),
        ...(lockfile
          ? [
              args.install
                ? `Then runs:       ${(lockCommandFor(detection.plan, '.')?.command ?? []).join(' ')} (writes ${lockfile})`
                : `Then runs:       nothing (--no-install; no ${lockfile})`,
            ]
          : []),
        ...(exist.length > 0
          ? [
              `Replaces:        ${exist.filter((p) => named.has(p)).join(', ') || 'nothing'}${refused.length > 0 ? ` (exists, not replaced without --overwrite=${refused.join(',')}: ${refused.join(', ')})` : ''}`,
            ]
          : []),
      ],
      files,
    );
    return EXIT.ok;
  }

  // 4. Stage inside the project, make the lockfile if it has none, move into place.
  const staged = new StagedProject({ target, shown: display, state, overwrite: named });
  session.active.staged = staged;
  let plan = detection.plan;
  let lockfileNote: string | undefined;
  const pm = plan.language === 'node' ? plan.packageManager.name : plan.packageManager;
  if (lockfile && args.install) {
    // The package manager runs on copies of the manifests, in scratch space inside the
    // staging directory: nothing of the project is touched, and only the lockfile is kept.
    const scratch = staged.scratch('lock');
    for (const input of detection.lockInputs) {
      mkdirSync(dirname(join(scratch, input)), { recursive: true });
      copyFileSync(join(target, input), join(scratch, input));
    }
    const lock = lockCommandFor(plan, scratch);
    if (lock) {
      const done = reporter.task(`Creating ${lockfile} with ${pm}`);
      const result = await generateLockfile(scratch, lockfile, lock, detection.dependencies);
      if (result.ok) {
        done(true, `Created ${lockfile} (${result.command})`);
        staged.write([{ path: lockfile, content: readFileSync(join(scratch, lockfile), 'utf8') }]);
        plan = withLockedVersions(plan, scratch, lockfile);
      } else {
        lockfileNote = `Could not create ${lockfile}: ${result.reason}\nThe container files are written without it. Run \`${lockfileHint(pm, lockfile)}\` in ${display} to create it: the Dockerfile needs it.`;
        done(false, lockfileNote);
      }
    }
  } else if (lockfile) {
    lockfileNote = `No ${lockfile} (--no-install): run \`${lockfileHint(pm, lockfile)}\` in ${display} to create it; the Dockerfile needs it.`;
    reporter.warn(lockfileNote);
  }
  staged.write(plan === detection.plan ? files : renderContainer(plan, readme));
  const committed = staged.commit();
  session.active.staged = undefined;
  reporter.success(
    `Wrote ${committed.written.join(', ')} to ${display}${committed.replaced.length > 0 ? ` (replaced ${committed.replaced.join(', ')})` : ''}`,
  );
  const cd = display === '.' ? [] : [`cd ${shellQuote(display)}`];
  reporter.outro(
    nextSteps(
      [...cd, 'docker compose up --build   # Docker Compose v2'],
      [
        `docker build -t ${imageName} .`,
        `docker run --rm -p ${plan.port}:${plan.port} ${imageName}`,
      ],
      plan.port,
      composeWatchOf(plan),
    ),
  );
  return lockfileNote ? EXIT.problems : EXIT.ok;
}

/** The first template that recognises the project, and what it found. */
function detect(
  templates: readonly Template[],
  dir: ProjectDir,
  overrides: DetectOverrides,
  imageName: string,
): { template: Template; detection: Detection } | undefined {
  for (const template of templates) {
    const detection = template.detect(dir, overrides, { imageName });
    if (detection) return { template, detection };
  }
  return undefined;
}

function validatorFor(question: Question): (value: string) => string | undefined {
  return (value) => {
    if (value.trim() === '') return 'An answer is needed.';
    try {
      if (question.key === 'port') parsePort(value);
      if (question.key === 'app' && !/^[A-Za-z_][\w.]*:[A-Za-z_]\w*(\(\))?$/.test(value)) {
        return 'Expected module:variable or module:factory(), e.g. app:app.';
      }
    } catch (error) {
      return (error as Error).message;
    }
    return undefined;
  };
}
