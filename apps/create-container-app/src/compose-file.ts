import type { Healthcheck } from './container-files.js';

export interface ComposeFileOptions {
  /** The Compose service name. */
  readonly service: string;
  readonly port: number;
  /** The Dockerfile's HEALTHCHECK (exec-form command and timings). */
  readonly healthcheck: Healthcheck;
  /** Where the image keeps the source (the sync target). */
  readonly workdir: string;
  /** Files whose change needs a rebuild (dependency manifests), relative to the project. */
  readonly rebuildOn: readonly string[];
  /** Paths the sync must skip (local virtualenvs, node_modules), relative to the project. */
  readonly ignore: readonly string[];
}

/**
 * `compose.yaml` for the project: build from the Dockerfile, publish the port on the host, a
 * healthcheck that repeats the image's (read back from the generated Dockerfile, so the two
 * cannot drift; here it is in plain sight and can be tuned per environment), and
 * `develop.watch` that syncs source edits into the container and restarts it, but rebuilds
 * when a dependency manifest changes.
 *
 * The file has one fixed shape, so it is written line by line with every value passed
 * through {@link yamlScalar}; the tests read it back with the `yaml` package. (Bundling that
 * package for one small file was a third of the CLI and ~4 ms of every start-up.)
 *
 * @example
 * ```ts
 * composeFile({ service: 'web', port: 8000, healthcheck: { command: ['python', '-c', '…'], interval: '10s', … }, workdir: '/app',
 *   rebuildOn: ['requirements.txt'], ignore: ['.venv/'] })
 * // services:
 * //   web:
 * //     build: .
 * //     ports:
 * //       - "8000:8000"
 * //     …
 * ```
 */
export function composeFile(options: ComposeFileOptions): string {
  const { healthcheck: check } = options;
  const lines = [
    '# `docker compose up --build` builds and starts the app; `docker compose watch` also syncs',
    '# source edits into the running container and restarts it (Compose 2.23 or newer).',
    '',
    'services:',
    `  ${yamlScalar(options.service)}:`,
    '    build: .',
    '    ports:',
    // Quoted always: a YAML 1.1 reader takes an unquoted 22:22 for a base-60 number.
    `      - ${JSON.stringify(`${options.port}:${options.port}`)}`,
    '    healthcheck:',
    `      test: [ ${['CMD', ...check.command].map(yamlScalar).join(', ')} ]`,
  ];
  // Absent timings stay absent: Compose then takes Docker's defaults, as the image does.
  if (check.interval) lines.push(`      interval: ${yamlScalar(check.interval)}`);
  if (check.timeout) lines.push(`      timeout: ${yamlScalar(check.timeout)}`);
  if (check.startPeriod) lines.push(`      start_period: ${yamlScalar(check.startPeriod)}`);
  if (check.retries !== undefined) lines.push(`      retries: ${check.retries}`);
  lines.push(
    '    develop:',
    '      watch:',
    '        - action: sync+restart',
    '          path: .',
    `          target: ${yamlScalar(options.workdir)}`,
  );
  const ignore = [...options.ignore, ...options.rebuildOn];
  if (ignore.length > 0) {
    lines.push('          ignore:');
    for (const path of ignore) lines.push(`            - ${yamlScalar(path)}`);
  }
  for (const path of options.rebuildOn) {
    lines.push('        - action: rebuild', `          path: ${yamlScalar(path)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Plain scalars that read back as the same string in YAML 1.1 and 1.2, in block and flow. */
const PLAIN = /^(?:[A-Za-z_./]|-[A-Za-z])[A-Za-z0-9_./+-]*$/;
/** Go durations such as `10s` or `2.5s`: never a number, a bool or a date in either version. */
const DURATION = /^\d+(?:\.\d+)?(?:ms|s|m|h)$/;
/**
 * Words {@link PLAIN} lets through that YAML 1.1 or 1.2 reads as something else: bools, null,
 * infinity and NaN, YAML 1.1's floats that start with a dot (`.`, `.5`, `._0`), and exponents
 * with no digit before them (`E0`, which the `yaml` package's YAML 1.1 reader takes for a float).
 */
const RESERVED =
  /^(?:y|n|yes|no|true|false|on|off|null|[-+]?\.inf|\.nan|\.[0-9_.]*(?:e[-+]?[0-9]+)?|[._]*e[-+]?[0-9]+)$/i;

/**
 * A string as a YAML scalar that reads back as exactly that string: plain when that is
 * unambiguous, otherwise double-quoted. A JSON string is a YAML double-quoted scalar; the
 * characters YAML wants escaped there but JSON leaves alone (DEL, C1 controls, U+2028/9,
 * the BOM) are escaped too.
 *
 * @example
 * ```ts
 * yamlScalar('/app') // /app
 * yamlScalar('on') // "on"
 * yamlScalar("print('hi')") // "print('hi')"
 * ```
 */
export function yamlScalar(value: string): string {
  if ((PLAIN.test(value) || DURATION.test(value)) && !RESERVED.test(value)) return value;
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
