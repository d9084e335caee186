// @ts-check
/**
 * Test helpers for running generated Dockerfiles against a real Docker engine.
 *
 * The engine is the private one `scripts/docker-sandbox.sh` starts:
 *
 *   bash scripts/docker-sandbox.sh up
 *   eval "$(bash scripts/docker-sandbox.sh env)"   # DOCKER_HOST + DOCKWRIGHT_DOCKER
 *
 * Plain ESM with JSDoc types (declarations in index.d.ts), no dependencies, no build step.
 * Every command is spawned without a shell.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOW_TO_START =
  'run `bash scripts/docker-sandbox.sh up` and `eval "$(bash scripts/docker-sandbox.sh env)"` to run these tests';

/** Default time limit of one docker command (builds of the stand-in images take seconds). */
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * The docker client to use: $DOCKWRIGHT_DOCKER, else Debian's /usr/bin/docker (it has the
 * engine's built-in BuildKit; a newer `docker` first on PATH may lack buildx), else `docker`.
 * @returns {string}
 */
export function dockerBinary() {
  const fromEnv = process.env.DOCKWRIGHT_DOCKER;
  if (fromEnv) return fromEnv;
  return existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
}

/**
 * Environment variables every docker command gets on top of process.env.
 * @returns {Record<string, string>}
 */
function engineEnv() {
  /** @type {Record<string, string>} */
  const env = { DOCKER_BUILDKIT: '1' };
  if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  return env;
}

/** @type {import('./index.d.ts').DockerEngine | undefined} */
let cachedEngine;

/**
 * Whether a Docker engine answers at $DOCKER_HOST (`docker info`). The answer is cached for
 * the process; pass `{ refresh: true }` to ask again.
 * @param {{ refresh?: boolean }} [options]
 * @returns {import('./index.d.ts').DockerEngine}
 */
export function dockerEngine(options = {}) {
  if (cachedEngine && !options.refresh) return cachedEngine;
  const docker = dockerBinary();
  const env = engineEnv();
  const res = spawnSync(docker, ['info'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 20_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const where = env.DOCKER_HOST ? `DOCKER_HOST=${env.DOCKER_HOST}` : 'DOCKER_HOST is not set';
  if (res.error) {
    const err = /** @type {NodeJS.ErrnoException} */ (res.error);
    const why = err.code === 'ENOENT' ? `docker client ${docker} not found` : err.message;
    cachedEngine = { available: false, reason: `${why}; ${where}` };
  } else if (res.status !== 0) {
    // Docker 20.10 prints the connection error on stdout, under its "Server:" heading.
    const lines = `${res.stderr}\n${res.stdout}`
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0 && !/^errors pretty printing info$/i.test(l));
    const line = (
      lines.find((l) => /cannot connect|error during connect|permission denied/i.test(l)) ??
      lines.find((l) => /error/i.test(l)) ??
      `docker info exited with ${res.status}`
    ).replace(/^ERROR:\s*/, '');
    cachedEngine = { available: false, reason: `${line}; ${where}` };
  } else {
    cachedEngine = {
      available: true,
      docker,
      env,
      serverVersion: /^\s*Server Version:\s*(\S+)/m.exec(`${res.stdout}`)?.[1] ?? 'unknown',
    };
  }
  return cachedEngine;
}

let warned = false;

/**
 * The engine for a test file, or null when there is none (the caller skips its Docker tests
 * with `describe.skipIf(!engine)`); a warning saying how to get one is printed once. With
 * DOCKWRIGHT_ENGINE_TESTS=skip (`pnpm test:unit`) it is null without asking the engine.
 * In CI (`CI=true`), or with DOCKWRIGHT_REQUIRE_DOCKER=1, a missing engine throws instead:
 * CI starts the engine itself, so its absence there is a failure, never a skip.
 * @returns {import('./index.d.ts').AvailableDockerEngine | null}
 */
export function requireDockerEngine() {
  // `pnpm test:unit`: the engine tests are skipped on request, even where an engine answers.
  if (process.env.DOCKWRIGHT_ENGINE_TESTS === 'skip') {
    if (!warned) {
      warned = true;
      console.warn('Docker engine tests skipped (DOCKWRIGHT_ENGINE_TESTS=skip)');
    }
    return null;
  }
  const engine = dockerEngine();
  if (engine.available) return engine;
  if (process.env.CI === 'true' || process.env.DOCKWRIGHT_REQUIRE_DOCKER === '1') {
    throw new Error(
      `A Docker engine is required in CI, and none answered (${engine.reason}). ` +
        `.ci/run starts one with scripts/docker-sandbox.sh; ${HOW_TO_START}.`,
    );
  }
  if (!warned) {
    warned = true;
    console.warn(`Docker engine not available (${engine.reason}); ${HOW_TO_START}`);
  }
  return null;
}

/**
 * Run the docker client with `args` (no shell). Resolves with the exit code and output, also
 * when the code is not 0; rejects when the client cannot start or the time limit passes.
 * With `silenceMs`, a client that prints nothing for that long is stopped (SIGTERM, which makes
 * `docker build` cancel the build in the engine; SIGKILL 10 s later if it is still there) and
 * the result says so in `stalled` instead of rejecting.
 * @param {readonly string[]} args
 * @param {import('./index.d.ts').DockerOptions} [options]
 * @returns {Promise<import('./index.d.ts').DockerResult>}
 */
export function docker(args, options = {}) {
  const { cwd, env, timeoutMs = DEFAULT_TIMEOUT_MS, silenceMs, input } = options;
  const bin = dockerBinary();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args], {
      cwd,
      env: { ...process.env, ...engineEnv(), ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    /** @type {Buffer[]} */
    const out = [];
    /** @type {Buffer[]} */
    const err = [];
    let timedOut = false;
    /** @type {{ silentMs: number, stdoutBytes: number, stderrBytes: number } | undefined} */
    let stalled;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    /** @type {NodeJS.Timeout | undefined} */
    let quiet;
    /** @type {NodeJS.Timeout | undefined} */
    let kill;
    const watch = () => {
      if (silenceMs === undefined || stalled !== undefined) return;
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        // What it had printed when it was stopped (a cancelled build prints more after).
        const bytes = (/** @type {Buffer[]} */ chunks) => chunks.reduce((n, b) => n + b.length, 0);
        stalled = { silentMs: silenceMs, stdoutBytes: bytes(out), stderrBytes: bytes(err) };
        child.kill('SIGTERM');
        kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      }, silenceMs);
    };
    watch();
    child.stdout?.on('data', (b) => {
      out.push(b);
      watch();
    });
    child.stderr?.on('data', (b) => {
      err.push(b);
      watch();
    });
    const stop = () => {
      clearTimeout(timer);
      clearTimeout(quiet);
      clearTimeout(kill);
    };
    child.on('error', (e) => {
      stop();
      reject(new Error(`cannot run ${bin} ${args.join(' ')}: ${e.message}`, { cause: e }));
    });
    child.on('close', (code, signal) => {
      stop();
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (timedOut) {
        const tail = stderr.split('\n').slice(-30).join('\n');
        reject(new Error(`${bin} ${args.join(' ')} timed out after ${timeoutMs} ms\n${tail}`));
        return;
      }
      /** @type {import('./index.d.ts').DockerResult} */
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (stalled !== undefined) {
        // Stopped by the watchdog: never a success, even if the client exited 0 on SIGTERM.
        result.code = result.code === 0 ? 128 : result.code;
        result.stalled = stalled;
      }
      resolve(result);
    });
    if (input !== undefined && child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

/**
 * The steps of a `--progress=plain` build log that began and had not ended (no DONE, CACHED,
 * ERROR or CANCELED line) when the log stops: what a stalled build was doing. Each is the
 * step's header, e.g. `[build 2/4] RUN npm ci`.
 * @param {string} output
 * @returns {string[]}
 */
export function unfinishedSteps(output) {
  /** @type {Map<string, string>} */
  const open = new Map();
  for (const line of output.split('\n')) {
    const m = /^(#\d+) (.+)$/.exec(line.trimEnd());
    if (!m?.[1] || !m[2]) continue;
    // A step's first line is its name; it ends with DONE, CACHED, ERROR or CANCELED.
    if (!open.has(m[1])) open.set(m[1], m[2]);
    else if (/^(?:DONE\b|CACHED$|ERROR\b|CANCELED\b)/.test(m[2])) open.set(m[1], '');
  }
  return [...open.values()].filter((h) => h !== '');
}

/**
 * `docker build` with BuildKit and `--progress=plain` (so the output shows each step and
 * CACHED lines). Resolves also when the build fails: check `ok`/`code`, read `output`.
 * With `stallTimeoutMs`, a build that prints nothing for that long is cancelled and resolves
 * with `stalled` naming the steps it was in.
 * @param {string} contextDir
 * @param {string} tag
 * @param {import('./index.d.ts').DockerBuildOptions} [options]
 * @returns {Promise<import('./index.d.ts').DockerBuildResult>}
 */
export async function dockerBuild(contextDir, tag, options = {}) {
  const args = ['build', '--progress=plain', '-t', tag];
  let input;
  if (options.dockerfileText !== undefined) {
    args.push('-f', '-');
    input = options.dockerfileText;
  } else if (options.dockerfile !== undefined) {
    args.push('-f', options.dockerfile);
  }
  for (const [k, v] of Object.entries(options.buildArgs ?? {}))
    args.push('--build-arg', `${k}=${v}`);
  if (options.target) args.push('--target', options.target);
  if (options.noCache) args.push('--no-cache');
  args.push(...(options.extraArgs ?? []), '.');
  const start = performance.now();
  const res = await docker(args, {
    cwd: contextDir,
    env: { DOCKER_BUILDKIT: '1', ...options.env },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.stallTimeoutMs === undefined ? {} : { silenceMs: options.stallTimeoutMs }),
    input,
  });
  const durationMs = Math.round(performance.now() - start);
  const output = res.stderr + res.stdout;
  const { stalled, ...rest } = res;
  if (!stalled) return { ...rest, ok: res.code === 0, output, durationMs };
  // The steps running when it was stopped: the log up to then (they end CANCELED after it).
  const before =
    Buffer.from(res.stderr).subarray(0, stalled.stderrBytes).toString('utf8') +
    Buffer.from(res.stdout).subarray(0, stalled.stdoutBytes).toString('utf8');
  return {
    ...rest,
    ok: false,
    output,
    durationMs,
    stalled: { silentMs: stalled.silentMs, steps: unfinishedSteps(before) },
  };
}

/**
 * How long a build may print nothing before {@link buildRetryingNetwork} cancels it. A working
 * install prints within seconds to a minute even on a loaded 2-core machine; a connection the
 * network dropped keeps npm silent for its whole fetch timeout (5 minutes by default), and a
 * connect that is never answered for the kernel's ~130 s of SYN retries.
 */
export const BUILD_STALL_MS = 120_000;

/** What a package manager prints when the registry could not be reached (DNS, reset, timeout). */
const NETWORK_FAILURE =
  /\b(?:EAI_AGAIN|ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|UND_ERR_CONNECT_TIMEOUT|ECONNECTIONTIMEOUT|EIDLETIMEOUT|ERESPONSETIMEOUT|ETRANSFERTIMEOUT|ERR_SOCKET_TIMEOUT|socket hang up)\b|network timeout at:|Response timeout while trying to fetch/;

/**
 * A RUN step that fetches from a package registry or mirror: an install by npm, pnpm, Yarn,
 * corepack, pip, uv, Poetry or apt, or a download (`npm run build` is not one).
 */
const FETCHING_STEP =
  /\bRUN\b.*(?:\b(?:npm|pnpm) (?:ci|install|i|add|fetch)\b|\byarn(?: install\b| workspaces focus\b| add\b|\s*(?:&&|;|\\|$))|\bcorepack\b|\bpip3? install\b|\bpip --python\b|\buv (?:sync|pip|lock)\b|\bpoetry (?:install|lock)\b|\bapt(?:-get)? (?:update|install)\b|\b(?:curl|wget)\b)/;

/**
 * Why a failed build looks like the network's weather rather than the Dockerfile's fault, or
 * undefined: it was cancelled while silent inside a step that fetches packages, or its output
 * names a network error (a DNS failure, a reset or timed-out connection).
 * @param {import('./index.d.ts').DockerBuildResult} result
 * @returns {string | undefined}
 */
export function networkTrouble(result) {
  if (result.ok) return undefined;
  if (result.stalled) {
    const fetching = result.stalled.steps.filter((step) => FETCHING_STEP.test(step));
    return fetching.length > 0
      ? `printed nothing for ${result.stalled.silentMs / 1000} s in ${fetching.join('; ')} (a stalled registry connection); cancelled`
      : undefined;
  }
  const code = NETWORK_FAILURE.exec(result.output)?.[0];
  return code ? `the registry could not be reached (${code})` : undefined;
}

/**
 * How many times {@link buildRetryingNetwork} builds again after the network failed a build.
 * Measured here: a build installing ~100 npm packages stalled in 2 of 10 runs on a loaded
 * engine, and in one CI run two builds in a row met network trouble; three attempts bring a
 * build's chance of failing for the network alone to about 1 in 100.
 */
export const NETWORK_RETRIES = 2;

/**
 * {@link dockerBuild}, cancelled when it prints nothing for {@link BUILD_STALL_MS} (or
 * `options.stallTimeoutMs`), and run again, up to {@link NETWORK_RETRIES} times and with a
 * warning line each time, when it failed or stalled for the network's sake
 * ({@link networkTrouble}): tests that install real packages go through the machine's one way
 * out, and a connection dropped under load says nothing about the Dockerfile. Any other
 * failure, or a stall outside a step that fetches, is returned as it is.
 * @param {string} contextDir
 * @param {string} tag
 * @param {import('./index.d.ts').DockerBuildOptions} [options]
 * @returns {Promise<import('./index.d.ts').DockerBuildResult>}
 */
export async function buildRetryingNetwork(contextDir, tag, options = {}) {
  const bounded = { stallTimeoutMs: BUILD_STALL_MS, ...options };
  /** @type {{ why: string, durationMs: number }[]} */
  const retried = [];
  for (;;) {
    const result = await dockerBuild(contextDir, tag, bounded);
    const done = { ...result, ...(retried.length > 0 ? { retried } : {}) };
    const why = networkTrouble(result);
    if (!why || retried.length === NETWORK_RETRIES) return done;
    retried.push({ why, durationMs: result.durationMs });
    console.warn(
      `${tag}: ${why} after ${(result.durationMs / 1000).toFixed(0)} s; building again (attempt ${retried.length + 1} of ${NETWORK_RETRIES + 1})`,
    );
  }
}

/**
 * Throws unless the build succeeded; the error says how it failed: the last lines of its log,
 * or, for a build cancelled while silent, how long and in which steps.
 * @param {import('./index.d.ts').DockerBuildResult} result
 * @returns {void}
 */
export function expectBuilt(result) {
  if (result.ok) return;
  const before = result.retried
    ? ` (attempt ${result.retried.length + 1}; before it: ${result.retried.map((r) => r.why).join('; ')})`
    : '';
  if (result.stalled) {
    throw new Error(
      `docker build printed nothing for ${result.stalled.silentMs / 1000} s and was cancelled${before}; running: ${result.stalled.steps.join('; ') || '(no step)'}\n${result.output.slice(-3000)}`,
    );
  }
  throw new Error(
    `docker build failed (exit ${result.code})${before}:\n${result.output.slice(-6000)}`,
  );
}

/**
 * A name unlikely to clash, for containers and images a test makes.
 * @param {string} [prefix]
 * @returns {string}
 */
export function uniqueName(prefix = 'dw-test') {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/**
 * `docker run`, detached by default, ports published on 127.0.0.1 only. Resolves with the
 * command's result and the container's name (generated unless given): remove it with
 * `removeContainer(result.container)`.
 * @param {string} image
 * @param {import('./index.d.ts').DockerRunOptions} [options]
 * @returns {Promise<import('./index.d.ts').DockerRunResult>}
 */
export async function dockerRun(image, options = {}) {
  const detach = options.detach ?? true;
  const name = options.name ?? uniqueName();
  const args = ['run', '--name', name];
  if (detach) args.push('-d');
  if (options.rm) args.push('--rm');
  for (const [containerPort, hostPort] of Object.entries(options.ports ?? {})) {
    args.push('-p', `127.0.0.1:${hostPort}:${containerPort}`);
  }
  for (const [k, v] of Object.entries(options.env ?? {})) args.push('-e', `${k}=${v}`);
  if (options.user !== undefined) args.push('--user', options.user);
  if (options.entrypoint !== undefined) args.push('--entrypoint', options.entrypoint);
  args.push(...(options.extraArgs ?? []), image, ...(options.command ?? []));
  const res = await docker(args, {
    timeoutMs: options.timeoutMs ?? (detach ? 60_000 : DEFAULT_TIMEOUT_MS),
  });
  return { ...res, container: name };
}

/**
 * The logs of a container (stdout and stderr together, stderr after stdout).
 * @param {string} container
 * @returns {Promise<string>}
 */
export async function containerLogs(container) {
  const res = await docker(['logs', container], { timeoutMs: 30_000 });
  return res.stdout + res.stderr;
}

/**
 * `docker rm -f -v`; a container that does not exist is not an error.
 * @param {string} container
 * @returns {Promise<void>}
 */
export async function removeContainer(container) {
  const res = await docker(['rm', '-f', '-v', container], { timeoutMs: 60_000 });
  if (res.code !== 0 && !/no such container/i.test(res.stderr)) {
    throw new Error(`docker rm -f ${container} failed: ${res.stderr.trim()}`);
  }
}

/**
 * `docker image rm -f`; an image that does not exist is not an error.
 * @param {string} image
 * @returns {Promise<void>}
 */
export async function removeImage(image) {
  const res = await docker(['image', 'rm', '-f', image], { timeoutMs: 60_000 });
  if (res.code !== 0 && !/no such image/i.test(res.stderr)) {
    throw new Error(`docker image rm -f ${image} failed: ${res.stderr.trim()}`);
  }
}

/**
 * A TCP port free on 127.0.0.1 right now (for `-p 127.0.0.1:PORT:...`).
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

/** @param {string} hostname */
function isLoopback(hostname) {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * One GET, resolved with the status and body, rejected on a network error or after 3 s.
 * @param {URL} url
 * @returns {Promise<{ status: number, body: string }>}
 */
function getOnce(url) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', timeout: 3_000 }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Poll `url` (http, loopback addresses only) until it answers with a status below 500, and
 * resolve with that answer; reject with the last error after `timeoutMs`.
 * @param {string} url
 * @param {number} [timeoutMs]
 * @returns {Promise<{ status: number, body: string }>}
 */
export async function waitForHttp(url, timeoutMs = 30_000) {
  const u = new URL(url);
  if (u.protocol !== 'http:') throw new Error(`waitForHttp: only http URLs, got ${url}`);
  if (!isLoopback(u.hostname)) {
    throw new Error(
      `waitForHttp: only loopback addresses (127.0.0.1, localhost, [::1]), got ${url}`,
    );
  }
  const deadline = Date.now() + timeoutMs;
  let last = 'no attempt';
  for (;;) {
    try {
      const res = await getOnce(u);
      if (res.status < 500) return res;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() >= deadline) {
      throw new Error(`${url} did not answer within ${timeoutMs} ms (last: ${last})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Poll `docker inspect` until the container's HEALTHCHECK reports healthy. Rejects at once
 * when it reports unhealthy, when the container stops, or when it has no HEALTHCHECK; and
 * after `timeoutMs`. The error carries the health log and the container's logs.
 * @param {string} container
 * @param {number} [timeoutMs]
 * @returns {Promise<void>}
 */
export async function waitForHealthy(container, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  /** @param {string} why @param {unknown} state */
  const fail = async (why, state) => {
    const logs = await containerLogs(container).catch(() => '');
    return new Error(
      `container ${container} ${why}\nstate: ${JSON.stringify(state)}\nlogs:\n${logs.slice(-4000)}`,
    );
  };
  for (;;) {
    const res = await docker(['inspect', '--format', '{{json .State}}', container], {
      timeoutMs: 30_000,
    });
    if (res.code !== 0) throw new Error(`docker inspect ${container}: ${res.stderr.trim()}`);
    /** @type {{ Status?: string, ExitCode?: number, Health?: { Status?: string } }} */
    const state = JSON.parse(res.stdout);
    const health = state.Health?.Status;
    if (health === 'healthy') return;
    if (!state.Health) throw await fail('has no HEALTHCHECK', state);
    if (health === 'unhealthy') throw await fail('is unhealthy', state);
    if (state.Status !== 'running' && state.Status !== 'created') {
      throw await fail(`is ${state.Status} (exit code ${state.ExitCode})`, state);
    }
    if (Date.now() >= deadline) {
      throw await fail(`was not healthy within ${timeoutMs} ms`, state);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * A distribution registry (Debian's `docker-registry` package) on a free 127.0.0.1 port with its
 * own storage, for tests that push and resolve digests; dockerd speaks plain HTTP to loopback
 * registries. Null (after one warning) when the binary is missing; throws instead when CI=true.
 * @returns {Promise<{ host: string, stop: () => Promise<void> } | null>}
 */
export async function startRegistry() {
  const bin = ['/usr/bin/docker-registry', '/usr/sbin/docker-registry'].find((p) => existsSync(p));
  if (!bin) {
    const why =
      'docker-registry is not installed (apt-get install docker-registry; scripts/docker-sandbox.sh install does it)';
    if (process.env.CI === 'true' || process.env.DOCKWRIGHT_REQUIRE_DOCKER === '1')
      throw new Error(why);
    console.warn(`${why}: skipping registry tests`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dockwright-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: ${join(dir, 'data')} }, delete: { enabled: true } }\nhttp: { addr: ${host} }\n`,
  );
  const child = spawn(bin, ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`http://${host}/v2/`, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, stop };
}

/** @type {import('./index.d.ts').Buildx | null | undefined} */
let buildx;

/**
 * docker buildx for the tests: Debian's docker-buildx plugin, which `scripts/docker-sandbox.sh
 * up` puts under its state dir and names in DOCKWRIGHT_BUILDX_CONFIG. Each test process gets a
 * DOCKER_CONFIG of its own holding only that plugin (buildx keeps state there), removed at exit.
 * Null (after one warning) when it is missing; throws instead when CI=true or
 * DOCKWRIGHT_REQUIRE_DOCKER=1, and returns null without asking with DOCKWRIGHT_ENGINE_TESTS=skip.
 * @returns {import('./index.d.ts').Buildx | null}
 */
export function requireBuildx() {
  if (buildx === undefined) buildx = findBuildx();
  return buildx;
}

/** @returns {import('./index.d.ts').Buildx | null} */
function findBuildx() {
  if (process.env.DOCKWRIGHT_ENGINE_TESTS === 'skip') return null;
  const configured = process.env.DOCKWRIGHT_BUILDX_CONFIG;
  const plugin = configured ? join(configured, 'cli-plugins', 'docker-buildx') : null;
  let why = '';
  let version = '';
  if (!plugin) why = 'DOCKWRIGHT_BUILDX_CONFIG is not set';
  else if (!existsSync(plugin)) why = `${plugin} does not exist`;
  else {
    const r = spawnSync(plugin, ['version'], { encoding: 'utf8' });
    if (r.status === 0) version = r.stdout.trim();
    else why = `${plugin} version failed: ${(r.error?.message ?? r.stderr).trim().split('\n')[0]}`;
  }
  if (why) {
    const how =
      '`bash scripts/docker-sandbox.sh up` fetches docker-buildx from Debian; then `eval "$(bash scripts/docker-sandbox.sh env)"`';
    if (process.env.CI === 'true' || process.env.DOCKWRIGHT_REQUIRE_DOCKER === '1') {
      throw new Error(`docker buildx is required in CI, and ${why}; ${how}.`);
    }
    console.warn(`docker buildx not available (${why}): skipping the buildx tests; ${how}`);
    return null;
  }
  const config = mkdtempSync(join(tmpdir(), 'dockwright-buildx-config-'));
  mkdirSync(join(config, 'cli-plugins'));
  symlinkSync(/** @type {string} */ (plugin), join(config, 'cli-plugins', 'docker-buildx'));
  process.on('exit', () => rmSync(config, { recursive: true, force: true }));
  return { config, version };
}
