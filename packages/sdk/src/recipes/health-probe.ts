import { DockerfileBuildError, show } from '../dockerfile-build-error.js';

/**
 * What a recipe's HEALTHCHECK probes, with the runtime's own interpreter (slim images have no
 * curl):
 * - `{ http: '/healthz' }`: a GET that must succeed (status below 400), for an app with a
 *   health route;
 * - `{ http: '/', answer: true }`: a GET that must be answered (any status below 500: a login
 *   redirect or a 404 still proves the server runs), for an app without one;
 * - `{ tcp: true }`: the port accepts a connection, for a server that does not speak HTTP.
 * The port is read from `PORT` at probe time, so `docker run -e PORT=…` keeps it right.
 */
export type HealthProbe =
  | {
      /** The path a GET probes, such as `/healthz`. */
      readonly http: string;
      /** Any answer below 500 will do (an app without a health route). */
      readonly answer?: boolean;
    }
  | {
      /** Probe that the port accepts a connection. */
      readonly tcp: true;
    };

export function checkProbe(method: string, probe: HealthProbe): HealthProbe {
  if ('http' in probe && !/^\/[A-Za-z0-9._~!$&*+,;=:@%/?-]*$/.test(probe.http)) {
    throw new DockerfileBuildError(
      method,
      `healthcheck.http must be a path starting with /: ${show(probe.http)}`,
    );
  }
  return probe;
}

/**
 * The probe as a Python one-liner (`python -c …`), with http.client: one request, no redirects
 * followed, a 2 s timeout.
 *
 * @example
 * ```ts
 * pythonProbe({ http: '/healthz' }, 8000)
 * // ['python', '-c', "import http.client, os, sys; c = http.client.HTTPConnection('127.0.0.1', int(os.environ.get('PORT', '8000')), timeout=2); c.request('GET', '/healthz'); sys.exit(c.getresponse().status >= 400)"]
 * ```
 */
export function pythonProbe(probe: HealthProbe, port: number): string[] {
  const portExpr = `int(os.environ.get('PORT', '${port}'))`;
  if ('tcp' in probe) {
    return [
      'python',
      '-c',
      `import os, socket; socket.create_connection(('127.0.0.1', ${portExpr}), timeout=2).close()`,
    ];
  }
  const limit = probe.answer ? 500 : 400;
  return [
    'python',
    '-c',
    `import http.client, os, sys; c = http.client.HTTPConnection('127.0.0.1', ${portExpr}, timeout=2); c.request('GET', ${quoted(probe.http)}); sys.exit(c.getresponse().status >= ${limit})`,
  ];
}

/**
 * The probe as a Node one-liner (`node -e …`): a GET with the `http` module (quicker to load
 * than fetch), redirects not followed, or a TCP connect with `net`.
 *
 * @example
 * ```ts
 * nodeProbe({ http: '/healthz' }, 3000)
 * // ['node', '-e', "require('http').get('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))"]
 * ```
 */
export function nodeProbe(probe: HealthProbe, port: number): string[] {
  if ('tcp' in probe) {
    return [
      'node',
      '-e',
      `require('net').connect(Number(process.env.PORT || ${port}), '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`,
    ];
  }
  const limit = probe.answer ? 500 : 400;
  return [
    'node',
    '-e',
    `require('http').get('http://127.0.0.1:' + (process.env.PORT || ${port}) + ${quoted(probe.http)}, (r) => process.exit(r.statusCode < ${limit} ? 0 : 1)).on('error', () => process.exit(1))`,
  ];
}

/** A path checked by {@link checkProbe} (no quote or backslash) as a Python or JS literal. */
function quoted(text: string): string {
  return `'${text}'`;
}

/** What the probe checks, in words for a comment. */
export function describeProbe(probe: HealthProbe): string {
  if ('tcp' in probe) return 'that the port accepts connections';
  return probe.answer ? `that ${probe.http} answers (any status below 500)` : `${probe.http}`;
}
