/**
 * The two clients build() drives, for tests that run both ways: the engine's built-in BuildKit
 * (`DOCKER_BUILDKIT=1 docker build`, the system client has no buildx) and `docker buildx`
 * (Debian's docker-buildx plugin, which scripts/docker-sandbox.sh installs under its state dir
 * and names in DOCKWRIGHT_BUILDX_CONFIG). buildx runs with its default builder: the docker
 * driver on the same engine, so both clients build on one engine and one cache.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AvailableDockerEngine } from '@dockwright/testkit';
import type { EngineKind, EngineOptions } from '../src/index.js';

export interface TestClient {
  readonly kind: EngineKind;
  /** The engine options for build(): the docker client and, for buildx, a DOCKER_CONFIG. */
  readonly engine: EngineOptions & { readonly command: string };
  /** buildx's version line, for test names. */
  readonly version: string;
}

const HOW =
  'run `bash scripts/docker-sandbox.sh up` (it fetches docker-buildx from Debian) and `eval "$(bash scripts/docker-sandbox.sh env)"`';

let buildxClient: TestClient | null | undefined;

/**
 * The buildx client, or null (after one warning) when buildx is not installed: the buildx
 * variants then skip. Under CI=true or DOCKWRIGHT_REQUIRE_DOCKER=1 a missing buildx throws.
 * Each test process gets its own DOCKER_CONFIG (buildx keeps state there), removed at exit.
 */
export function requireBuildx(engine: AvailableDockerEngine | null): TestClient | null {
  if (!engine) return null;
  if (buildxClient !== undefined) return buildxClient;
  const configured = process.env.DOCKWRIGHT_BUILDX_CONFIG;
  const plugin = configured ? join(configured, 'cli-plugins', 'docker-buildx') : null;
  let why: string | null = null;
  let version = '';
  if (!plugin) why = 'DOCKWRIGHT_BUILDX_CONFIG is not set';
  else if (!existsSync(plugin)) why = `${plugin} does not exist`;
  else {
    try {
      version = execFileSync(plugin, ['version'], { encoding: 'utf8' }).trim();
    } catch (error) {
      why = `${plugin} version failed: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  if (why) {
    if (process.env.CI === 'true' || process.env.DOCKWRIGHT_REQUIRE_DOCKER === '1') {
      throw new Error(`docker buildx is required in CI, and ${why}; ${HOW}.`);
    }
    console.warn(`docker buildx not available (${why}): skipping the buildx variants; ${HOW}`);
    buildxClient = null;
    return null;
  }
  const config = mkdtempSync(join(tmpdir(), 'dockwright-buildx-config-'));
  mkdirSync(join(config, 'cli-plugins'));
  symlinkSync(plugin!, join(config, 'cli-plugins', 'docker-buildx'));
  process.on('exit', () => rmSync(config, { recursive: true, force: true }));
  buildxClient = { kind: 'buildx', engine: { command: engine.docker, config }, version };
  return buildxClient;
}

export interface TestVariant {
  readonly kind: EngineKind;
  /** Null when this client (or the engine) is missing: `describe.skipIf(!variant.client)`. */
  readonly client: TestClient | null;
}

/** The built-in BuildKit client and buildx, each null where it cannot run. */
export function testVariants(engine: AvailableDockerEngine | null): TestVariant[] {
  return [
    {
      kind: 'docker',
      client: engine
        ? { kind: 'docker', engine: { command: engine.docker }, version: 'built-in BuildKit' }
        : null,
    },
    { kind: 'buildx', client: requireBuildx(engine) },
  ];
}
