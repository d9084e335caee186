import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BakeProgress } from './bake-progress.js';
import { engineMessage } from './build.js';
import { resolveDockerfile } from './dockerfile-input.js';
import type { BuildEvent } from './types.js';

const fixtures = join(import.meta.dirname, '../test/fixtures/progress');

/** The bake file the fixture was captured from (`docker buildx bake -f fx.json`). */
const API =
  'FROM debian:12-slim AS base\nRUN echo api-fixture-1\n\nFROM base AS runtime\n# fails\nRUN echo about to fail && \\\n  exit 3\n';
const WEB = 'FROM debian:12-slim\nRUN echo web-fixture-1\n';

function read(chunk: number) {
  const text = readFileSync(join(fixtures, 'buildx-0.13-bake-fails.txt'), 'utf8');
  const events: string[] = [];
  const progress = new BakeProgress(
    new Map([
      ['api', resolveDockerfile(API)],
      ['web', resolveDockerfile(WEB)],
    ]),
    (target: string, e: BuildEvent) => {
      if (e.type === 'step-finished' && e.step.source)
        events.push(`${target} ${e.step.source.keyword} ${e.step.source.line} ${e.step.status}`);
      if (e.type === 'step-log') events.push(`${target} log ${e.text}`);
    },
  );
  for (let i = 0; i < text.length; i += chunk) progress.push(text.slice(i, i + chunk));
  progress.end();
  return { progress, events };
}

describe('BakeProgress on docker buildx bake 0.13 output', () => {
  it('gives each target its steps, at the lines of its own Dockerfile', () => {
    for (const chunk of [1, 13, 100_000]) {
      const { progress, events } = read(chunk);
      // api's FROM is a vertex bake shares with web, shown as `[api 1/2] FROM`: the name gives
      // no stage, so it maps to no line of api's Dockerfile.
      expect(events).toEqual([
        'web FROM 1 cached',
        'api log api-fixture-1',
        'api RUN 2 done',
        'web log web-fixture-1',
        'web RUN 2 done',
        'api log about to fail',
        'api RUN 6 error',
      ]);
      const web = progress.target('web')!.progress;
      expect(web.steps().map((s) => s.name)).toEqual([
        '[internal] load build definition from Dockerfile',
        '[internal] load .dockerignore',
        '[internal] load metadata for docker.io/library/debian:12-slim',
        '[1/2] FROM docker.io/library/debian:12-slim',
        '[2/2] RUN echo web-fixture-1',
        'exporting to image',
      ]);
      expect(web.imageId).toBe(
        'sha256:3111547cf38ae8cf96943bd724b88a3fcee73ed6df7231069ab1d053e7dc6159',
      );
      expect(web.failed()).toBeNull();
    }
  });

  it('names the target that failed first, with its step, output and the client’s message', () => {
    const { progress } = read(64);
    expect(progress.failedTarget).toBe('api');
    const api = progress.target('api')!.progress;
    expect(api.failed()).toMatchObject({
      step: {
        name: '[runtime 1/1] RUN echo about to fail &&   exit 3',
        source: { line: 6, endLine: 7 },
      },
      output: ['about to fail'],
    });
    expect(engineMessage(api.trailer)).toBe(
      'failed to solve: executor failed running [/bin/sh -c echo about to fail &&   exit 3]: exit code: 3',
    );
  });
});
