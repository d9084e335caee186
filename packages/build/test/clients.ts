/**
 * The two clients build() drives, for tests that run both ways: the engine's built-in BuildKit
 * (`DOCKER_BUILDKIT=1 docker build`; the system client has no buildx) and `docker buildx`
 * (Debian's docker-buildx plugin from scripts/docker-sandbox.sh, see testkit's requireBuildx).
 * buildx runs with its default builder: the docker driver on the same engine.
 */
import { type AvailableDockerEngine, requireBuildx } from '@dockwright/testkit';
import type { EngineKind, EngineOptions } from '../src/index.js';

export interface TestVariant {
  readonly kind: EngineKind;
  /** Null when this client (or the engine) is missing: `describe.skipIf(!variant.client)`. */
  readonly client: { readonly engine: EngineOptions } | null;
}

/** The built-in BuildKit client and buildx, each null where it cannot run. */
export function testVariants(engine: AvailableDockerEngine | null): TestVariant[] {
  const buildx = engine ? requireBuildx() : null;
  return [
    { kind: 'docker', client: engine ? { engine: { command: engine.docker } } : null },
    {
      kind: 'buildx',
      client:
        engine && buildx ? { engine: { command: engine.docker, config: buildx.config } } : null,
    },
  ];
}
