import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  applyFixes,
  type Colors,
  type Finding,
  formatJson,
  formatSarif,
  formatText,
  lint,
  type ReportedFile,
  type Severity,
} from '@dockwright/lint';
import { CliError } from '../cli-error.js';
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
  --fix                      apply the safe fixes in place
  --format <text|json|sarif> output format (default text)
  --config <file>            config file (default dockwright.config.json|yaml|yml)
  --failure-threshold <lvl>  error | warning | info | none: exit 1 at or above (default warning)
  --max-warnings <n>         exit 1 when there are more than n warnings
  --dockerignore <file>      .dockerignore for CopyIgnoredFile (default: next to each file)
  --check <value>            BuildKit check config (also env BUILDKIT_DOCKERFILE_CHECK)

Files may be paths, globs (quoted: '**/Dockerfile') or - for stdin. Default: ./Dockerfile.
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
      debug: { type: 'boolean' },
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
    if (!existsSync(join(io.cwd, 'Dockerfile')))
      throw new CliError('no files given and no ./Dockerfile (see dockwright lint --help)');
    args = ['Dockerfile'];
  }
  const files = selectFiles(args, io.cwd, config.ignoreFiles);
  const buildkitCheck = values.check ?? io.env.BUILDKIT_DOCKERFILE_CHECK;
  const explicitIgnore =
    values.dockerignore !== undefined
      ? readIgnore(join(io.cwd, values.dockerignore), true)
      : undefined;

  const reported: ReportedFile[] = [];
  const { inputs, failed: readError } = readInputs(files, io.cwd, io.err);
  for (const input of inputs) {
    const file = input.file;
    const dockerignore =
      explicitIgnore ??
      (file === '-'
        ? readIgnore(join(io.cwd, '.dockerignore'), false)
        : readIgnore(join(io.cwd, dirname(file), '.dockerignore'), false));
    const options = {
      file: input.file,
      rules: config.rules,
      ignoreRules: config.ignoreRules,
      ...(dockerignore !== undefined ? { dockerignore } : {}),
      ...(buildkitCheck !== undefined ? { buildkitCheck } : {}),
    };
    let text = input.text;
    if (values.fix) {
      const { output } = applyFixes(text, options);
      if (output !== text) {
        if (file === '-') io.out(output);
        else writeAtomic(join(io.cwd, file), output);
        text = output;
      } else if (file === '-') io.out(output);
    }
    reported.push({ file: input.file, text, findings: lint(text, options) });
  }

  if (fmt === 'json') io.out(formatJson(reported));
  else if (fmt === 'sarif')
    io.out(formatSarif(reported, { name: 'dockwright', version: io.version }));
  else {
    const text = formatText(reported, io.colors);
    // With --fix on stdin the fixed text went to stdout; the report goes to stderr.
    if (values.fix && files.includes('-')) io.err(text);
    else io.out(text);
  }
  if (readError) return 2;
  const all: Finding[] = reported.flatMap((r) => r.findings);
  const failing =
    threshold !== 'none' && all.some((f) => RANK[f.severity] >= RANK[threshold as Severity]);
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (failing || (maxWarnings !== null && warnings > maxWarnings)) return 1;
  return 0;
}

function readIgnore(path: string, required: boolean): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (required)
      throw new CliError(`${path}: cannot read: ${(error as Error).message}`, 2, { cause: error });
    return undefined;
  }
}
