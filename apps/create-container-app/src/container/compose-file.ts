import { Document, isScalar, isSeq } from 'yaml';
import type { Healthcheck } from './container-files.js';

export interface ComposeFileOptions {
  /** The Compose service name. */
  readonly service: string;
  readonly port: number;
  /** The Dockerfile's HEALTHCHECK (exec-form command and timings), if it has one. */
  readonly healthcheck: Healthcheck | undefined;
  /** Where the image keeps the source (the sync target). */
  readonly workdir: string;
  /** Files whose change needs a rebuild (dependency manifests), relative to the project. */
  readonly rebuildOn: readonly string[];
  /** Paths the sync must skip (local virtualenvs, node_modules), relative to the project. */
  readonly ignore: readonly string[];
  /**
   * The image runs a build's output, not the source: any edit rebuilds the image instead of
   * being synced into the container.
   */
  readonly rebuildOnEdit?: boolean;
}

/** Compose Watch with the watch file: the command the README, the comments and the CLI name. */
export const COMPOSE_WATCH_COMMAND = 'docker compose -f compose.yaml -f compose.watch.yaml watch';

/**
 * The oldest Docker Compose that runs the watch rules of {@link composeWatchFile}: 2.22 reads
 * `develop.watch` (older versions refuse the key); `sync+restart` needs 2.23.
 *
 * @example
 * ```ts
 * composeWatchVersion({ rebuildOnEdit: true }) // '2.22'
 * ```
 */
export function composeWatchVersion(options: Pick<ComposeFileOptions, 'rebuildOnEdit'>): string {
  return options.rebuildOnEdit ? '2.22' : '2.23';
}

/**
 * `compose.yaml` for the project, written with the `yaml` Document API so it can carry comments:
 * build from the Dockerfile, publish the port on the host, and a healthcheck that repeats the
 * image's (read back from the generated Dockerfile, so the two cannot drift; here it is in
 * plain sight and can be tuned per environment). It holds nothing that Compose v2.0 does not
 * read: the `develop.watch` rules are in compose.watch.yaml ({@link composeWatchFile}), since
 * Compose before 2.22 refuses a `develop` key.
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
  const health = options.healthcheck;
  const doc = new Document({
    services: {
      [options.service]: {
        build: '.',
        ports: [`${options.port}:${options.port}`],
        ...(health
          ? {
              healthcheck: {
                test: ['CMD', ...health.command],
                // Absent timings stay absent: Compose then takes Docker's defaults, as the image does.
                ...(health.interval ? { interval: health.interval } : {}),
                ...(health.timeout ? { timeout: health.timeout } : {}),
                ...(health.startPeriod ? { start_period: health.startPeriod } : {}),
                ...(health.retries !== undefined ? { retries: health.retries } : {}),
              },
            }
          : {}),
      },
    },
  });
  doc.commentBefore =
    ' `docker compose up --build` builds and starts the app (Docker Compose v2, any version).\n' +
    ` Compose Watch (Compose ${composeWatchVersion(options)} or newer) ${options.rebuildOnEdit ? 'rebuilds the app on every edit' : 'syncs source edits into the running container'}:\n` +
    `   ${COMPOSE_WATCH_COMMAND}`;
  const ports = doc.getIn(['services', options.service, 'ports'], true);
  if (isSeq(ports)) {
    // Quoted: a YAML 1.1 reader takes an unquoted 22:22 for a base-60 number.
    for (const item of ports.items) if (isScalar(item)) item.type = 'QUOTE_DOUBLE';
  }
  const test = doc.getIn(['services', options.service, 'healthcheck', 'test'], true);
  if (isSeq(test)) test.flow = true;
  return doc.toString({ lineWidth: 0 });
}

/**
 * `compose.watch.yaml`: the service's `develop.watch` rules, merged over compose.yaml by
 * {@link COMPOSE_WATCH_COMMAND}. Source edits are synced into the container, which restarts
 * (`sync+restart`), and a dependency manifest rebuilds the image; a project whose image runs a
 * build's output rebuilds on every edit.
 *
 * @example
 * ```ts
 * composeWatchFile({ service: 'web', workdir: '/app', rebuildOn: ['requirements.txt'], ignore: ['.venv/'], … })
 * // services:
 * //   web:
 * //     develop:
 * //       watch:
 * //         - action: sync+restart
 * //     …
 * ```
 */
export function composeWatchFile(options: ComposeFileOptions): string {
  const doc = new Document({
    services: {
      [options.service]: {
        develop: {
          watch: options.rebuildOnEdit
            ? [{ action: 'rebuild', path: '.', ignore: options.ignore }]
            : [
                {
                  action: 'sync+restart',
                  path: '.',
                  target: options.workdir,
                  ignore: [...options.ignore, ...options.rebuildOn],
                },
                ...options.rebuildOn.map((path) => ({ action: 'rebuild', path })),
              ],
        },
      },
    },
  });
  doc.commentBefore =
    ` Compose Watch rules (Docker Compose ${composeWatchVersion(options)} or newer), apart from compose.yaml so that\n` +
    ' it works with every Compose v2 (before 2.22, Compose refuses a `develop` key):\n' +
    `   ${COMPOSE_WATCH_COMMAND}`;
  return doc.toString({ lineWidth: 0 });
}
