import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@dockwright/ast';
import { describe, expect, it } from 'vitest';
import { engineMessage } from './build.js';
import { PlainProgress } from './plain-progress.js';
import { stepSources } from './step-sources.js';
import type { BuildEvent } from './types.js';

const fixtures = join(import.meta.dirname, '../test/fixtures/progress');

/** Reads a fixture in chunks of `chunk` characters, as a pipe may deliver it. */
function read(name: string, dockerfile: string, chunk = 7) {
  const text = readFileSync(join(fixtures, name), 'utf8');
  const events: BuildEvent[] = [];
  const progress = new PlainProgress(stepSources(parse(dockerfile), dockerfile), (e) =>
    events.push(e),
  );
  for (let i = 0; i < text.length; i += chunk) progress.push(text.slice(i, i + chunk));
  progress.end();
  return { progress, events, steps: progress.steps() };
}

const MULTI = `FROM debian:12-slim AS base
ARG GREETING=hi
RUN echo "$GREETING from build" && printf 'partial' && sleep 0.2 && echo ' done'
COPY a.txt /a.txt
ENV X=1
WORKDIR /app

FROM base AS final
RUN cat /a.txt
LABEL x=y
`;

describe('PlainProgress on Docker 20.10 output', () => {
  it('reads every step with its instruction, status, duration and output', () => {
    const { steps, events, progress } = read('docker-20.10-multi-stage.txt', MULTI);
    expect(steps.map((s) => [s.id, s.status, s.source?.line ?? null, s.durationMs])).toEqual([
      [1, 'done', null, 100],
      [2, 'done', null, 0],
      [3, 'done', null, 0],
      [4, 'cached', 1, null],
      [6, 'done', null, 100],
      [5, 'done', 3, 1300],
      [7, 'done', 4, 100],
      [8, 'done', 6, 0],
      [9, 'done', 9, 700],
      [10, 'done', null, 100],
    ]);
    expect(steps[5]!.source).toEqual({
      line: 3,
      column: 1,
      endLine: 3,
      keyword: 'RUN',
      stage: 0,
      stageName: 'base',
    });
    expect(steps[8]!.source).toMatchObject({ stage: 1, stageName: 'final' });
    const logs = events
      .filter((e) => e.type === 'step-log')
      .map((e) => [e.step.id, e.text, e.time]);
    expect(logs).toEqual([
      [5, 'hi from build', 1.076],
      [5, 'partial done', 1.106],
      [9, 'hello', 0.649],
    ]);
    expect(events.filter((e) => e.type === 'step-cached').map((e) => e.step.id)).toEqual([4]);
    expect(progress.imageId).toBe(
      'sha256:7258bd7537116898b05d72801a9129690575d22e89c44e1aa71eb8bb1b2e98af',
    );
    expect(progress.failed()).toBeNull();
  });

  it('ends a step whose last output line has no newline (the end line runs into it)', () => {
    const df = 'FROM debian:12-slim\nRUN --mount=type=secret,id=tok cat /run/secrets/tok\n';
    const { steps, events } = read('docker-20.10-partial-line.txt', df);
    const run = steps.find((s) => s.source?.keyword === 'RUN')!;
    expect(run).toMatchObject({ status: 'done', durationMs: 700, source: { line: 2 } });
    expect(events.filter((e) => e.type === 'step-log').map((e) => e.text)).toEqual(['s3cr3t']);
  });

  it('reports the failing step, its output and the engine message', () => {
    const df = 'FROM debian:12-slim\nRUN echo one && echo two >&2 && exit 3\n';
    const { progress } = read('docker-20.10-run-fails.txt', df);
    const failed = progress.failed()!;
    expect(failed.step).toMatchObject({
      id: 5,
      status: 'error',
      source: { line: 2, keyword: 'RUN' },
    });
    expect(failed.step.error).toBe(
      'executor failed running [/bin/sh -c echo one && echo two >&2 && exit 3]: exit code: 3',
    );
    expect(failed.output).toEqual(['one', 'two']);
    expect(engineMessage(progress.trailer)).toBe(
      'executor failed running [/bin/sh -c echo one && echo two >&2 && exit 3]: exit code: 3',
    );
  });

  it('reads a COPY of a missing file and a canceled step', () => {
    const copy = read(
      'docker-20.10-copy-missing.txt',
      'FROM debian:12-slim\nCOPY missing.txt /x\n',
    );
    expect(copy.progress.failed()!.step).toMatchObject({
      error: '"/missing.txt" not found: not found',
      source: { line: 2 },
    });
    expect(engineMessage(copy.progress.trailer)).toBe(
      'failed to compute cache key: "/missing.txt" not found: not found',
    );
    const canceled = read(
      'docker-20.10-canceled.txt',
      'FROM debian:12-slim\nRUN echo start && sleep 987.25 && echo end\n',
    );
    expect(canceled.steps.find((s) => s.source?.line === 2)).toMatchObject({ status: 'canceled' });
    expect(canceled.progress.failed()).toBeNull();
  });

  it("places Docker 20.10's uncounted ONBUILD triggers, padded indexes and unnamed stages", () => {
    const df = readFileSync(join(fixtures, 'docker-20.10-onbuild-unnamed.Dockerfile'), 'utf8');
    const { steps } = read('docker-20.10-onbuild-unnamed.txt', df, 3);
    const byName = Object.fromEntries(steps.map((s) => [s.name, s.source?.line ?? null]));
    expect(byName['[stage-0  1/10] FROM docker.io/library/build-onbuild-base:1']).toBe(1);
    // The base image's triggers are no line of this Dockerfile.
    expect(byName['[stage-0  2/10] RUN echo triggered-by-onbuild']).toBeNull();
    expect(byName['[stage-0  3/10] WORKDIR /ob']).toBeNull();
    expect(byName['[stage-0  4/10] RUN echo a']).toBe(2);
    expect(byName['[stage-0 12/10] RUN echo i']).toBe(10);
    expect(byName['[stage-1 1/1] COPY --from=0 /etc/hostname /h']).toBe(13);
    expect(byName['[stage-2 2/3] COPY --from=1 /h /h2']).toBe(16);
    expect(byName['[stage-2 3/3] RUN cat /h2']).toBe(17);
  });
});

describe('PlainProgress on the current printer (buildx)', () => {
  it('reads the failing step, and the message without the summary and code frame', () => {
    const df =
      "FROM debian:12-slim AS build\nRUN printf 'no newline'\nRUN echo one && echo two >&2 && exit 3\n";
    const { progress, steps } = read('buildx-run-fails.txt', df);
    expect(steps.map((s) => s.source?.line ?? null)).toEqual([null, null, null, 1, 2, 3]);
    expect(progress.failed()!.output).toEqual(['one', 'two']);
    expect(engineMessage(progress.trailer)).toBe(
      'failed to solve: process "/bin/sh -c echo one && echo two >&2 && exit 3" did not complete successfully: exit code: 3',
    );
  });

  it('follows steps the printer leaves and comes back to, platforms and counted triggers', () => {
    const df = 'FROM alpine AS a\nRUN sleep 1; echo amd\n';
    const { steps, events } = read('buildx-interleaved.txt', df, 1);
    expect(steps.map((s) => [s.id, s.status, s.platform])).toEqual([
      [1, 'done', null],
      [7, 'done', 'linux/arm64'],
      [8, 'done', 'linux/amd64'],
      [9, 'cached', 'linux/amd64'],
      [10, 'done', null],
    ]);
    // Step 7's header is printed twice: one step, one start event.
    expect(events.filter((e) => e.type === 'step-started' && e.step.id === 7)).toHaveLength(1);
    expect(
      events
        .filter((e) => e.type === 'step-log' && e.step.id === 7)
        .map((e) => e.type === 'step-log' && e.text),
    ).toEqual(['step one partial', 'arm']);
    // `echo arm` is not in this Dockerfile; `echo amd` is, after 10 counted triggers: never a wrong line.
    expect(steps[1]!.source).toBeNull();
    expect(steps[3]!.source).toMatchObject({ line: 1, keyword: 'FROM' });
  });

  it('takes output lines that look like progress lines as output', () => {
    const df = 'FROM alpine\nRUN ./evil\n';
    const text =
      '#1 [2/2] RUN ./evil\n#1 0.100 #1 DONE 9.9s\n#1 0.200 #2 ERROR: fake\n#1 DONE 0.3s\n';
    const events: BuildEvent[] = [];
    const progress = new PlainProgress(stepSources(parse(df), df), (e) => events.push(e));
    progress.push(text);
    progress.end();
    expect(progress.steps()).toMatchObject([
      { id: 1, status: 'done', durationMs: 300, error: null },
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'step-started',
      'step-log',
      'step-log',
      'step-finished',
    ]);
  });

  it('joins a long line from many chunks, and a CRLF split between two', () => {
    const df = 'FROM alpine\nRUN ./long\n';
    const logs: string[] = [];
    const progress = new PlainProgress(stepSources(parse(df), df), (e) => {
      if (e.type === 'step-log') logs.push(e.text);
    });
    const long = 'x'.repeat(200_000);
    progress.push('#1 [2/2] RUN ./long\r');
    progress.push('\n#1 0.1 ');
    for (let i = 0; i < long.length; i += 4096) progress.push(long.slice(i, i + 4096));
    progress.push('\r');
    progress.push('\n#1 0.2 after\n#1 DONE 0.3s');
    progress.end();
    expect(logs).toEqual([long, 'after']);
    expect(progress.steps()).toMatchObject([{ id: 1, name: '[2/2] RUN ./long', status: 'done' }]);
  });
});
