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

/**
 * `compose.yaml` for the project, written with the `yaml` Document API so it can carry comments:
 * build from the Dockerfile, publish the port on the host, a healthcheck that repeats the
 * image's (read back from the generated Dockerfile, so the two cannot drift; here it is in
 * plain sight and can be tuned per environment), and `develop.watch`
 * that syncs source edits into the container and restarts it, but rebuilds when a dependency
 * manifest changes.
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
    ' `docker compose up --build` builds and starts the app; `docker compose watch` also syncs\n' +
    ' source edits into the running container and restarts it (Compose 2.23 or newer).';
  const ports = doc.getIn(['services', options.service, 'ports'], true);
  if (isSeq(ports)) {
    // Quoted: a YAML 1.1 reader takes an unquoted 22:22 for a base-60 number.
    for (const item of ports.items) if (isScalar(item)) item.type = 'QUOTE_DOUBLE';
  }
  const test = doc.getIn(['services', options.service, 'healthcheck', 'test'], true);
  if (isSeq(test)) test.flow = true;
  return doc.toString({ lineWidth: 0 });
}
