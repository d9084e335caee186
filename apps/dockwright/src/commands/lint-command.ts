import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '@dockwright/cli-kit';
import {
  applyFixes,
  CheckConfigError,
  createLinter,
  type Finding,
  formatReport,
  hadolintLintOptions,
  isReportFormat,
  type LintOptions,
  PlatformError,
  parseCheckConfig,
  parsePlatform,
  REPORT_FORMATS,
  type ReportedFile,
  type ReportFormat,
  type Severity,
  type ShellcheckResult,
  shellcheckJobs,
} from '@dockwright/lint';
import { runShellcheck } from '@dockwright/lint/shellcheck';
import { loadConfig } from '../config.js';
import { selectFiles } from '../expand-glob.js';
import { loadHadolintConfig } from '../hadolint-config-file.js';
import { holdSignals } from '../hold-signals.js';
import type { Io } from '../io.js';
import { nameValuePairs } from '../name-value-pairs.js';
import { displayName, readBounded, readInput } from '../read-input.js';
import { replaceFile } from '../replace-file.js';
import { decodeText, encodeText } from '../text-bytes.js';
import { engineOptions } from './build-script.js';
import { resolveBaseImages, resolveSetup } from './resolve-base-images.js';

const RANK: Record<Severity, number> = { style: 0, info: 1, warning: 2, error: 3 };
const THRESHOLDS = ['error', 'warning', 'info', 'style', 'none'];

export const LINT_HELP = `Usage: dockwright lint [options] [files…|-]

Lints Dockerfiles with BuildKit's build checks, hadolint's DL rules and dockwright's rules.

Options:
  --fix                      apply the safe fixes in place (stdin: fixed text to stdout)
  --format <name>            text (default), json, sarif, checkstyle, codeclimate,
                             gitlab_codeclimate, sonarqube, gnu (tty is text)
  --config <file>            config file (default dockwright.config.json|yaml|yml)
  --hadolint-config <file>   hadolint config (default: where hadolint looks, .hadolint.yaml
                             first; also the HADOLINT_* variables)
  --no-shellcheck            do not run ShellCheck on RUN scripts (default: when installed)
  --failure-threshold <lvl>  error | warning | info | style | none: exit 1 at or above
                             (default warning, or the hadolint config's)
  --max-warnings <n>         exit 1 when there are more than n warnings
  --dockerignore <file>      .dockerignore for CopyIgnoredFile (default: next to each file)
  --check <value>            BuildKit check config, skip=<Rule,…|all>;error=<bool>;
                             experimental=<Rule,…|all> (default: env BUILDKIT_DOCKERFILE_CHECK);
                             replaces the files' # check= directives
  --resolve-images           ask the Docker engine, then the images' registries, what each FROM
                             image is, to check InvalidBaseImagePlatform (nothing is pulled;
                             without this flag lint sends nothing anywhere)
  --platform <os/arch>       the platform the build is for, as docker build --platform
                             (default: the engine's)
  --build-arg <k=v>          a build argument for the global ARGs FROM images are named with
                             (k alone takes the value from the environment; repeatable)
  --insecure-registry <host> speak plain HTTP to this registry (loopback always is; repeatable)
  --docker <path>            the docker client for --resolve-images (default:
                             $DOCKWRIGHT_DOCKER, else docker on PATH)

Files may be paths, globs (quoted: '**/Dockerfile') or - for stdin (reported as <stdin>).
Default: ./Dockerfile.
The report goes to stdout, except with --fix and stdin: then stdout carries the fixed
Dockerfile and the report (in any --format) goes to stderr.
Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage error, a file that
could not be read or written, or (--resolve-images) a base image that could not be resolved
(the other files and images are still linted and reported).
`;

export async function lintCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      fix: { type: 'boolean' },
      format: { type: 'string' },
      config: { type: 'string' },
      'hadolint-config': { type: 'string' },
      'no-shellcheck': { type: 'boolean' },
      'failure-threshold': { type: 'string' },
      'max-warnings': { type: 'string' },
      dockerignore: { type: 'string' },
      check: { type: 'string' },
      'resolve-images': { type: 'boolean' },
      platform: { type: 'string' },
      'build-arg': { type: 'string', multiple: true },
      'insecure-registry': { type: 'string', multiple: true },
      docker: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(LINT_HELP);
    return 0;
  }
  if (values.format !== undefined && !isReportFormat(values.format)) {
    throw new CliError(
      `--format must be ${REPORT_FORMATS.join(', ')}, not ${JSON.stringify(values.format)}`,
    );
  }
  if (
    values['failure-threshold'] !== undefined &&
    !THRESHOLDS.includes(values['failure-threshold'])
  ) {
    throw new CliError(
      `--failure-threshold must be error, warning, info, style or none, not ${JSON.stringify(values['failure-threshold'])}`,
    );
  }
  for (const option of ['build-arg', 'insecure-registry', 'docker'] as const) {
    if (values[option] !== undefined && !values['resolve-images']) {
      throw new CliError(`--${option} is used only with --resolve-images`);
    }
  }
  const platform = values.platform;
  if (platform !== undefined) {
    try {
      if (platform.includes(',')) throw new PlatformError('one platform, not a list');
      parsePlatform(platform);
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      throw new CliError(`--platform ${JSON.stringify(platform)}: ${error.message}`);
    }
  }
  const buildArgs = nameValuePairs(values['build-arg'], '--build-arg', io.env);
  const hadolint = loadHadolintConfig(values['hadolint-config'], io.cwd, io.env, io.err);
  // hadolint's `format:` applies when it names a format this tool writes (not codacy, junit).
  const hadolintFormat = hadolint.formats.find((f) => isReportFormat(f)) as
    | ReportFormat
    | undefined;
  const fmt: ReportFormat = (values.format as ReportFormat | undefined) ?? hadolintFormat ?? 'text';
  const threshold = hadolint.noFail
    ? 'none'
    : (values['failure-threshold'] ?? hadolint.failureThreshold ?? 'warning');
  let maxWarnings: number | null = null;
  if (values['max-warnings'] !== undefined) {
    // Number('') is 0 and Number('1e3') 1000: take digits only.
    maxWarnings = /^\d{1,9}$/.test(values['max-warnings']) ? Number(values['max-warnings']) : -1;
    if (maxWarnings < 0) {
      throw new CliError(
        `--max-warnings must be a non-negative integer, not ${JSON.stringify(values['max-warnings'])}`,
      );
    }
  }
  const config = await loadConfig(values.config, io.cwd);
  let args = positionals;
  if (args.length === 0) {
    if (!existsSync(resolve(io.cwd, 'Dockerfile')))
      throw new CliError('no files given and no ./Dockerfile (see dockwright lint --help)');
    args = ['Dockerfile'];
  }
  const files = selectFiles(args, io.cwd, config.ignoreFiles);
  const buildkitCheck = values.check ?? io.env.BUILDKIT_DOCKERFILE_CHECK;
  if (buildkitCheck !== undefined) {
    try {
      parseCheckConfig(buildkitCheck);
    } catch (error) {
      if (!(error instanceof CheckConfigError)) throw error;
      // BuildKit fails the build with the same words (`failed to parse …: invalid check option`).
      const source = values.check !== undefined ? '--check' : 'BUILDKIT_DOCKERFILE_CHECK';
      throw new CliError(`${source}: ${error.message}`, 2, { cause: error });
    }
  }
  const explicitIgnore =
    values.dockerignore !== undefined
      ? readIgnore(resolve(io.cwd, values.dockerignore), values.dockerignore)
      : undefined;
  // With --fix on stdin, stdout carries the fixed Dockerfile, so the report must go elsewhere.
  const fixedToStdout = values.fix === true && files.includes('-');
  const report = fixedToStdout ? io.err : io.out;

  const reported: ReportedFile[] = [];
  const linted: { name: string; text: string; options: LintOptions }[] = [];
  let failed = false;
  // hadolint's settings first; dockwright's own config says the last word on a rule.
  const fromHadolint = hadolintLintOptions(hadolint);
  const shared: LintOptions = {
    ...fromHadolint,
    rules: { ...fromHadolint.rules, ...config.rules },
    ignoreRules: [...(fromHadolint.ignoreRules ?? []), ...config.ignoreRules],
    // Only the JSON report shows whether a finding is fixable.
    fixes: values.fix === true || fmt === 'json',
    ...(buildkitCheck !== undefined ? { buildkitCheck } : {}),
    ...(platform !== undefined ? { platform } : {}),
    ...(values['build-arg'] !== undefined ? { buildArgs } : {}),
  };
  // One linter for every file: the configuration is read once.
  const linter = createLinter(shared);
  // One file at a time, each to the end, so a bad one (unreadable, unwritable, too large)
  // is reported and the others are still linted.
  for (const file of files) {
    try {
      const input = readInput(file, io.cwd);
      const dockerignore =
        explicitIgnore ??
        readIgnore(resolve(io.cwd, file === '-' ? '.' : dirname(file), '.dockerignore'));
      const options: LintOptions = {
        ...shared,
        file: input.name,
        ...(dockerignore !== undefined ? { dockerignore } : {}),
      };
      let text = input.text;
      if (values.fix) {
        const { output } = applyFixes(text, options);
        let written = true;
        if (file === '-') io.out(output);
        else if (output !== text) {
          try {
            await holdSignals(() =>
              replaceFile(input.source, encodeText(output), displayName(file)),
            );
          } catch (error) {
            if (!(error instanceof CliError)) throw error;
            // The file is as it was: report what it still says.
            io.err(`${error.message}\n`);
            failed = true;
            written = false;
          }
        }
        if (written) text = output;
      }
      linted.push({ name: input.name, text, options });
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err(`${error.message}\n`);
      failed = true;
    }
  }

  const shellcheck = values['no-shellcheck']
    ? linted.map(() => [])
    : await checkScripts(linted, fixedToStdout ? () => {} : io.err);
  const resolved = values['resolve-images']
    ? await resolveBaseImages(
        linted,
        await resolveSetup(
          engineOptions({ ...(values.docker ? { docker: values.docker } : {}) }, io.env),
          values['insecure-registry'] ?? [],
          fixedToStdout ? () => {} : io.err,
        ),
      )
    : null;
  linted.forEach(({ name, text, options }, i) => {
    const facts = resolved?.[i];
    for (const e of facts?.errors ?? []) io.err(`${e}\n`);
    if (facts && facts.errors.length > 0) failed = true;
    const findings: readonly Finding[] = linter.lint(text, {
      file: options.file,
      dockerignore: options.dockerignore,
      shellcheck: shellcheck[i],
      ...(facts ? { images: facts.images, buildPlatform: facts.buildPlatform } : {}),
    });
    reported.push({ file: name, text, findings });
  });

  report(
    formatReport(fmt, reported, { name: 'dockwright', version: io.version, colors: io.colors }),
  );
  if (failed) return 2;
  const all: Finding[] = reported.flatMap((r) => r.findings);
  const failing =
    threshold !== 'none' && all.some((f) => RANK[f.severity] >= RANK[threshold as Severity]);
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (failing || (maxWarnings !== null && warnings > maxWarnings)) return 1;
  return 0;
}

/**
 * ShellCheck's comments on every file's RUN scripts, one run for all files (a process per batch
 * of scripts). Without the binary, or when it fails, one note and no comments.
 */
async function checkScripts(
  files: readonly { text: string; options: LintOptions }[],
  note: (s: string) => void,
): Promise<ShellcheckResult[][]> {
  const perFile = files.map(({ text, options }) => shellcheckJobs(text, options));
  const all = perFile.flat();
  if (all.length === 0) return perFile.map(() => []);
  const run = await runShellcheck(all);
  if (run.note) note(`dockwright: ${run.note}\n`);
  const byJob = new Map(run.results.map((r) => [r.job, r]));
  return perFile.map((jobs) => jobs.flatMap((j) => byJob.get(j) ?? []));
}

/** A `.dockerignore`: `shown` names a required one (`--dockerignore`), else a missing one is none. */
function readIgnore(path: string, shown?: string): string | undefined {
  try {
    return decodeText(readBounded(path, displayName(shown ?? path)).bytes);
  } catch (error) {
    if (shown !== undefined) throw error;
    if ((error as { cause?: { code?: string } }).cause?.code === 'ENOENT') return undefined;
    throw error;
  }
}
