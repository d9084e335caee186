import { Document, isScalar, isSeq } from 'yaml';
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

/** `docker compose watch` with the watch file, the command the README and comments name. */
export const COMPOSE_WATCH_COMMAND = 'docker compose -f compose.yaml -f compose.watch.yaml watch';

/**
 * `compose.yaml` for the project, written with the `yaml` Document API so it can carry comments:
 * build from the Dockerfile, publish the port on the host, and a healthcheck that repeats the
 * image's (read back from the generated Dockerfile, so the two cannot drift; here it is in
 * plain sight and can be tuned per environment). It holds nothing newer than Compose v2.0
 * reads: the `develop.watch` rules live in compose.watch.yaml ({@link composeWatchFile}), since
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
  const doc = new Document({
    services: {
      [options.service]: {
        build: '.',
        ports: [`${options.port}:${options.port}`],
        healthcheck: {
          test: ['CMD', ...options.healthcheck.command],
          // Absent timings stay absent: Compose then takes Docker's defaults, as the image does.
          ...(options.healthcheck.interval ? { interval: options.healthcheck.interval } : {}),
          ...(options.healthcheck.timeout ? { timeout: options.healthcheck.timeout } : {}),
          ...(options.healthcheck.startPeriod
            ? { start_period: options.healthcheck.startPeriod }
            : {}),
          ...(options.healthcheck.retries !== undefined
            ? { retries: options.healthcheck.retries }
            : {}),
        },
      },
    },
  });
  doc.commentBefore =
    ' `docker compose up --build` builds and starts the app (Docker Compose v2, any version).\n' +
    ' To sync source edits into the running container as you work (Compose 2.23 or newer):\n' +
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
 * `docker compose -f compose.yaml -f compose.watch.yaml watch`. Source edits are synced into the
 * container and restart it (`sync+restart`, Compose 2.23 or newer); a dependency manifest
 * rebuilds the image.
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
          watch: [
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
    ' Compose Watch rules, apart from compose.yaml so that it works with every Compose v2 (before\n' +
    ' 2.22, Compose refuses a `develop` key). Needs Compose 2.23 or newer (`sync+restart`):\n' +
    `   ${COMPOSE_WATCH_COMMAND}`;
  return doc.toString({ lineWidth: 0 });
}
