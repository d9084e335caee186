/**
 * What every generated project must show in a real engine: it builds unchanged, answers on its
 * port, runs as non-root, becomes healthy by its own HEALTHCHECK, stops in under 3 s, and a
 * source edit rebuilds without re-running a dependency install.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DockerBuildResult,
  docker,
  dockerBuild,
  dockerRun,
  freePort,
  removeContainer,
  removeImage,
  waitForHealthy,
  waitForHttp,
} from '@dockwright/testkit';
import { expect } from 'vitest';

/** Install steps of every layout: pip, uv, the Poetry export, npm, pnpm, Yarn 1 and 2+. */
export const INSTALL_STEP =
  /RUN .*(pip --python|pip install|uv sync|poetry export|npm ci|npm install|pnpm install|yarn install|yarn workspaces focus)/;

/** BuildKit step ids (`#12`) whose header line matches `pattern`, and whether each was CACHED. */
export function stepsMatching(output: string, pattern: RegExp): { id: string; cached: boolean }[] {
  const steps: { id: string; cached: boolean }[] = [];
  const lines = output.split('\n');
  for (const line of lines) {
    const m = /^(#\d+) \[[^\]]+\] (.*)$/.exec(line);
    if (m?.[1] && m[2] && pattern.test(m[2]) && !steps.some((s) => s.id === m[1])) {
      const id = m[1];
      steps.push({ id, cached: lines.some((l) => l.trim() === `${id} CACHED`) });
    }
  }
  return steps;
}

export function expectBuilt(result: DockerBuildResult): void {
  if (!result.ok) {
    throw new Error(`docker build failed (exit ${result.code}):\n${result.output.slice(-6000)}`);
  }
}

export interface Proof {
  readonly buildMs: number;
  readonly healthyMs: number;
  /** From `docker stop` to the process's exit. */
  readonly exitMs: number;
  /** `docker stop` as a whole. */
  readonly stopMs: number;
  readonly rebuildMs: number;
}

/**
 * Builds `dir` as `image`, runs it with `port` published, and checks all of the above. `source`
 * is the file the edit appends a comment to; `body` text `/` must answer with.
 */
export async function proveProject(options: {
  dir: string;
  image: string;
  port: number;
  source: string;
  body?: string | RegExp;
  /** Environment for `docker build` (never changes the Dockerfile). */
  buildEnv?: Record<string, string>;
}): Promise<Proof> {
  const { dir, image, port } = options;
  const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
  let container: string | undefined;
  try {
    const first = await dockerBuild(dir, image, options.buildEnv ? { env: options.buildEnv } : {});
    expectBuilt(first);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(dockerfile);
    expect(stepsMatching(first.output, INSTALL_STEP).length, first.output).toBeGreaterThan(0);

    const hostPort = await freePort();
    const run = await dockerRun(image, { ports: { [port]: hostPort } });
    expect(run.code, run.stderr).toBe(0);
    container = run.container;
    const root = await waitForHttp(`http://127.0.0.1:${hostPort}/`, 60_000);
    expect(root.status).toBeLessThan(500);
    if (options.body !== undefined) expect(root.body).toMatch(options.body);
    const healthyStart = Date.now();
    await waitForHealthy(container, 60_000);
    const healthyMs = Date.now() - healthyStart;

    const uid = await docker(['exec', container, 'id', '-u']);
    expect(uid.code).toBe(0);
    expect(Number(uid.stdout.trim())).toBeGreaterThan(0);

    // SIGTERM reaches the server (PID 1, exec form) and it exits: measured by the engine's
    // clock, from the signal (its `kill` event) to the moment the process ended (FinishedAt),
    // so neither the docker CLI's start nor the engine's teardown, which a loaded machine
    // stretches, counts against the app.
    const stopStart = Date.now();
    const stop = await docker(['stop', container]);
    const stopMs = Date.now() - stopStart;
    expect(stop.code).toBe(0);
    const finished = await docker(['inspect', '-f', '{{.State.FinishedAt}}', container]);
    const killed = await docker([
      'events',
      '--since',
      String(Math.floor(stopStart / 1000) - 1),
      '--until',
      String(Math.ceil(Date.now() / 1000) + 1),
      '--filter',
      `container=${container}`,
      '--filter',
      'event=kill',
      '--format',
      '{{.TimeNano}}',
    ]);
    // The first kill is docker stop's SIGTERM (a SIGKILL after the grace period would come later).
    const signalledNs = killed.stdout.trim().split('\n').filter(Boolean).map(BigInt)[0];
    expect(signalledNs, `no kill event for ${container}: ${killed.stderr}`).toBeDefined();
    const finishedMs = Date.parse(finished.stdout.trim());
    const exitMs = finishedMs - Number((signalledNs ?? 0n) / 1_000_000n);
    expect(exitMs, `docker stop took ${stopMs} ms`).toBeLessThan(3000);

    // A source edit: the image rebuilds without running any dependency install again.
    appendFileSync(
      join(dir, options.source),
      options.source.endsWith('.py') ? '\n# edited\n' : '\n// edited\n',
    );
    const rebuild = await dockerBuild(
      dir,
      image,
      options.buildEnv ? { env: options.buildEnv } : {},
    );
    expectBuilt(rebuild);
    const installs = stepsMatching(rebuild.output, INSTALL_STEP);
    expect(installs.length, rebuild.output).toBeGreaterThan(0);
    expect(
      installs.every((s) => s.cached),
      rebuild.output,
    ).toBe(true);
    return { buildMs: first.durationMs, healthyMs, exitMs, stopMs, rebuildMs: rebuild.durationMs };
  } finally {
    if (container) await removeContainer(container);
    await removeImage(image);
  }
}
