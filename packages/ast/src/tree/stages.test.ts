// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is Dockerfile syntax, not a template
import { describe, expect, it } from 'vitest';
import { parse } from '../parser/parse.js';
import { stages } from './stages.js';

describe('stages', () => {
  const text = [
    'ARG NODE=22',
    'ARG BASE=alpine',
    'FROM --platform=$BUILDPLATFORM node:${NODE} AS Deps',
    'RUN npm ci',
    'FROM deps AS build',
    'RUN --mount=type=cache,target=/root/.npm --mount=type=bind,from=DEPS,source=/x,target=/y npm run build',
    'FROM ${BASE}',
    'COPY --from=build /app/dist /srv',
    'COPY --from=0 /node_modules /nm',
    'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
    'COPY --from=9 /x /y',
    'ONBUILD COPY --from=build /a /b',
    '',
  ].join('\n');

  it('collects global ARGs, stages, names and bases', () => {
    const r = stages(parse(text));
    expect(r.globalArgs.map((a) => a.args[0])).toEqual(['NODE=22', 'BASE=alpine']);
    expect(r.stages.map((s) => [s.index, s.name, s.base, s.baseStage, s.baseImage])).toEqual([
      [0, 'deps', 'node:${NODE}', null, 'node:${NODE}'],
      [1, 'build', 'deps', 0, null],
      [2, null, '${BASE}', null, '${BASE}'],
    ]);
    expect(r.stages[0]!.platform).toBe('$BUILDPLATFORM');
    expect(r.stages[0]!.instructions.map((i) => i.keyword)).toEqual(['RUN']);
    expect(r.stages[2]!.instructions).toHaveLength(5);
  });

  it('builds the dependency graph from FROM, COPY --from and RUN --mount=from', () => {
    const r = stages(parse(text));
    expect(r.stages.map((s) => s.dependsOn)).toEqual([[], [0], [0, 1]]);
    expect(r.stages[2]!.dependencies.map((d) => [d.kind, d.ref, d.stage, d.image])).toEqual([
      ['from', '${BASE}', null, '${BASE}'],
      ['copy', 'build', 1, null],
      ['copy', '0', 0, null],
      ['copy', 'nginx:1.27', null, 'nginx:1.27'],
      ['copy', '9', null, null],
    ]);
    expect(r.stages[1]!.dependencies.map((d) => [d.kind, d.ref, d.stage])).toEqual([
      ['from', 'deps', 0],
      ['mount', 'DEPS', 0],
    ]);
  });

  it('resolves FROM only against earlier stages', () => {
    const r = stages(parse('FROM later AS first\nFROM alpine AS later\n'));
    expect(r.stages[0]!.baseStage).toBeNull();
    expect(r.stages[0]!.baseImage).toBe('later');
  });

  it('records a COPY --from of a later stage (BuildKit rejects it at build time)', () => {
    const r = stages(parse('FROM a AS one\nCOPY --from=two /x /y\nFROM b AS two\n'));
    expect(r.stages[0]!.dependsOn).toEqual([1]);
  });

  it('handles a file without FROM', () => {
    expect(stages(parse('ARG A\n'))).toEqual({
      stages: [],
      problems: [],
      globalArgs: [expect.anything()],
    });
  });

  it('reports references to the stage itself or to a later stage, as BuildKit refuses them', () => {
    const tree = parse(
      'FROM a AS one\nCOPY --from=two /x /x\nFROM b AS two\nRUN --mount=from=two,target=/t true\nFROM c\nCOPY --from=one /y /y\n',
    );
    expect(stages(tree).problems.map((p) => [p.node.keyword, p.message])).toEqual([
      ['COPY', 'cannot copy from stage "two", it needs to be defined before current stage "one"'],
      ['RUN', 'circular dependency detected on stage: two'],
    ]);
  });
});
