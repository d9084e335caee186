import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '@dockwright/cli-kit';
import {
  applyFixes,
  CheckConfigError,
  type Colors,
  type Finding,
  formatJson,
  formatSarif,
  formatText,
  lint,
  parseCheckConfig,
  type ReportedFile,
  type Severity,
} from '@dockwright/lint';
import { loadConfig } from '../config.js';
import { readInputs, selectFiles, writeAtomic } from '../inputs.js';

export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly colors: Colors;
  readonly version: string;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export const LINT_HELP = `Usage: dockwright lint [options] [files…|-]

Lints Dockerfiles with BuildKit's build checks, hadolint's DL rules and dockwright's rules.

Options:
  --fix                      apply the safe fixes in place (stdin: fixed text to stdout)
  --format <text|json|sarif> report format (default text)
  --config <file>            config file (default dockwright.config.json|yaml|yml)
  --failure-threshold <lvl>  error | warning | info | none: exit 1 at or above (default warning)
  --max-warnings <n>         exit 1 when there are more than n warnings
  --dockerignore <file>      .dockerignore for CopyIgnoredFile (default: next to each file)
  --check <value>            BuildKit check config, skip=<Rule,…|all>;error=<bool>;
                             experimental=<Rule,…|all> (default: env BUILDKIT_DOCKERFILE_CHECK);
                             replaces the files' # check= directives

Files may be paths, globs (quoted: '**/Dockerfile') or - for stdin (reported as <stdin>).
Default: ./Dockerfile.
The report goes to stdout, except with --fix and stdin: then stdout carries the fixed
Dockerfile and the report (in any --format) goes to stderr.
Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage or read error.
`;

export function lintCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      fix: { type: 'boolean' },
      format: { type: 'string' },
      config: { type: 'string' },
      'failure-threshold': { type: 'string' },
      'max-warnings': { type: 'string' },
      dockerignore: { type: 'string' },
      check: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(LINT_HELP);
    return 0;
  }
  const fmt = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(fmt)) {
    throw new CliError(`--format must be text, json or sarif, not ${JSON.stringify(fmt)}`);
  }
  const threshold = values['failure-threshold'] ?? 'warning';
  if (!['error', 'warning', 'info', 'none'].includes(threshold)) {
    throw new CliError(
      `--failure-threshold must be error, warning, info or none, not ${JSON.stringify(threshold)}`,
    );
  }
  let maxWarnings: number | null = null;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      throw new CliError(
        `--max-warnings must be a non-negative integer, not ${JSON.stringify(values['max-warnings'])}`,
      );
    }
  }
  const config = loadConfig(values.config, io.cwd);
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
  const { inputs, failed: readError } = readInputs(files, io.cwd, io.err);
  for (const input of inputs) {
    const file = input.file;
    const dockerignore =
      explicitIgnore ??
      readIgnore(resolve(io.cwd, file === '-' ? '.' : dirname(file), '.dockerignore'));
    const options = {
      file: input.name,
      rules: config.rules,
      ignoreRules: config.ignoreRules,
      ...(dockerignore !== undefined ? { dockerignore } : {}),
      ...(buildkitCheck !== undefined ? { buildkitCheck } : {}),
    };
    let text = input.text;
    let findings: readonly Finding[] | null = null;
    if (values.fix) {
      const { output, remaining } = applyFixes(text, options);
      findings = remaining;
      if (output !== text) {
        if (file === '-') io.out(output);
        else writeAtomic(resolve(io.cwd, file), output, input.name);
        text = output;
      } else if (file === '-') io.out(output);
    }
    reported.push({ file: input.name, text, findings: findings ?? lint(text, options) });
  }

  if (fmt === 'json') report(formatJson(reported));
  else if (fmt === 'sarif')
    report(formatSarif(reported, { name: 'dockwright', version: io.version }));
  else report(formatText(reported, io.colors));
  if (readError) return 2;
  const all: Finding[] = reported.flatMap((r) => r.findings);
  const failing =
    threshold !== 'none' && all.some((f) => RANK[f.severity] >= RANK[threshold as Severity]);
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (failing || (maxWarnings !== null && warnings > maxWarnings)) return 1;
  return 0;
}

/** A `.dockerignore`: `shown` names a required one (`--dockerignore`), else a missing one is none. */
function readIgnore(path: string, shown?: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (shown !== undefined)
      throw new CliError(`${shown}: cannot read: ${(error as Error).message}`, 2, { cause: error });
    return undefined;
  }
}
