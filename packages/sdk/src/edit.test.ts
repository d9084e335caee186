import { type ChildNode, createInstruction } from '@dockwright/ast';
import { describe, expect, it } from 'vitest';
import { emit } from '../test/check.js';
import { edit } from './index.js';

const original = [
  '# syntax=docker/dockerfile:1.7',
  '',
  'from  node:22 as build   ',
  '# keep this comment',
  'RUN npm ci \\',
  '    && npm run build',
  '',
  'FROM node:22-slim',
  'COPY --from=build /app/dist /app/dist',
  'CMD node dist/server.js',
].join('\r\n');

describe('edit()', () => {
  it('prints an unedited file byte for byte', () => {
    expect(edit(original).toString()).toBe(original);
  });

  it('appends instructions and keeps every untouched line', () => {
    const text = emit(edit(`${original}\r\n`).user('node').expose(3000));
    expect(text).toBe(`${original}\r\nUSER node\r\nEXPOSE 3000\r\n`);
  });

  it('terminates a last line that is a bare keyword before appending', () => {
    // A bare RUN is only a warning for BuildKit, so edit() takes the file.
    expect(edit('FROM alpine\nRUN').run('echo hi').toString()).toBe(
      'FROM alpine\nRUN\nRUN echo hi\n',
    );
  });

  it('terminates a last line that had no line break before appending', () => {
    const text = emit(edit('FROM alpine\nRUN true').run('echo hi'));
    expect(text).toBe('FROM alpine\nRUN true\nRUN echo hi\n');
  });

  it('replaces and removes nodes through transform', () => {
    const edited = edit(`${original}\r\n`).transform((node: ChildNode) => {
      if (node.type === 'instruction' && node.keyword === 'CMD') {
        return createInstruction('CMD', { args: ['node', 'dist/server.js'], json: true });
      }
      if (node.type === 'comment') return null;
      return undefined;
    });
    expect(edited.toString()).toBe(
      `${original.replace('# keep this comment\r\n', '').replace('CMD node dist/server.js', 'CMD ["node", "dist/server.js"]')}\r\n`,
    );
  });

  it('knows the stages of the loaded file', () => {
    expect(emit(edit('FROM a AS base\n').from('b').copy('/x', '/x', { from: 'base' }))).toContain(
      'COPY --from=base /x /x',
    );
    expect(() =>
      edit('FROM a AS base\n')
        .from('b')
        .copy('/x', '/x', { from: 'nope' as never }),
    ).toThrow(/no stage named "nope"/);
  });

  it('adds the syntax line a new feature needs, once', () => {
    expect(edit('FROM a\n').copy('x', 'y', { link: true }).toString()).toBe(
      '# syntax=docker/dockerfile:1.4\nFROM a\nCOPY --link x y\n',
    );
    expect(
      edit(original)
        .copy('x', 'y', { link: true })
        .toString()
        .match(/syntax=/g),
    ).toHaveLength(1);
  });

  it("follows the file's escape character", () => {
    const text = emit(edit('# escape=`\nFROM mcr.microsoft.com/windows\n').workdir('C:\\my app'));
    expect(text).toBe('# escape=`\nFROM mcr.microsoft.com/windows\nWORKDIR "C:\\my app"\n');
  });
});

describe('edit() and the syntax directive', () => {
  it('a versioned syntax directive in the file caps what can be appended', () => {
    const loaded = () => edit('# syntax=docker/dockerfile:1.2\nFROM alpine\n');
    expect(() => loaded().copy('a', 'b', { link: true })).toThrow(
      /--link needs Dockerfile frontend 1\.4 .*# syntax=docker\/dockerfile:1\.2 caps it at 1\.2/,
    );
    expect(emit(loaded().run('true'))).toBe(
      '# syntax=docker/dockerfile:1.2\nFROM alpine\nRUN true\n',
    );
  });
});

describe('edit() and global ARGs', () => {
  it('FROM --platform may use the global ARGs of the loaded file, and only those', () => {
    const text = emit(
      edit('ARG ARCH=amd64\nFROM a\nARG LOCAL=x\n').from('b', { platform: 'linux/$ARCH' as never }),
    );
    expect(text).toBe('ARG ARCH=amd64\nFROM a\nARG LOCAL=x\n\nFROM --platform=linux/$ARCH b\n');
    expect(() =>
      edit('ARG ARCH=amd64\nFROM a\nARG LOCAL=x\n').from('b', { platform: '$LOCAL' as never }),
    ).toThrow(/the platform uses LOCAL, which is neither a global ARG/);
  });
});

describe('edit helpers keep every untouched byte', () => {
  const file = [
    '# syntax=docker/dockerfile:1.7',
    '',
    'ARG BASE=node',
    'from  ${BASE}:20   as build   ',
    'MAINTAINER someone',
    'RUN npm ci \\',
    '    && npm run build',
    '',
    '# the runtime',
    'FROM --platform=$BUILDPLATFORM \\',
    '    node:20-slim AS runtime',
    'COPY --from=build /app/dist /app/dist',
    'CMD node dist/server.js',
    '',
  ].join('\r\n');

  it('setBase and setTag change the image word only', () => {
    expect(edit(file).setBase('build', '${BASE}:22').toString()).toBe(
      file.replace('${BASE}:20 ', '${BASE}:22 '),
    );
    expect(edit(file).setTag('runtime', '22-slim').toString()).toBe(
      file.replace('node:20-slim', 'node:22-slim'),
    );
    expect(edit(file).setTag(1, '22-slim').toString()).toBe(
      file.replace('node:20-slim', 'node:22-slim'),
    );
    expect(emit(edit('FROM a\nFROM b\n').setBase(0, 'alpine:3.20'))).toBe(
      'FROM alpine:3.20\nFROM b\n',
    );
  });

  it('setBase checks the image as from() does', () => {
    expect(() => edit(file).setBase('build', 'Node 22' as never)).toThrow(
      /^setBase\(\): the image is not a valid image reference/,
    );
    expect(() => edit(file).setBase('build', '${NOPE}:1' as never)).toThrow(
      /uses NOPE, which is neither a global ARG/,
    );
    expect(() => edit(file).setBase('nope' as never, 'alpine')).toThrow(
      /^setBase\(\): no stage "nope" in the file \(its stages: "build", "runtime"\)$/,
    );
    expect(() => edit('FROM node@sha256:' + 'a'.repeat(64) + '\n').setTag(0, '22')).toThrow(
      /pinned by digest/,
    );
  });

  it('insertBefore, insertAfter, replace and remove', () => {
    const edited = edit(file)
      .insertAfter(
        (n, at) => n.keyword === 'FROM' && at.stage === 'runtime',
        (b) => b.label('team', 'web'),
      )
      .insertBefore(
        (n) => n.keyword === 'CMD',
        (b) => b.user('node'),
      )
      .replace(
        (n) => n.keyword === 'CMD',
        (b) => b.cmd(['node', 'dist/server.js']),
      )
      .remove((n) => n.keyword === 'MAINTAINER');
    expect(emit(edited)).toBe(
      file
        .replace('MAINTAINER someone\r\n', '')
        .replace('AS runtime\r\n', 'AS runtime\r\nLABEL team=web\r\n')
        .replace('CMD node dist/server.js', 'USER node\r\nCMD ["node", "dist/server.js"]'),
    );
  });

  it('addLabel and addEnv go to the end or the start of a stage', () => {
    expect(emit(edit(file).addEnv('build', 'NODE_ENV', 'production', { at: 'start' }))).toBe(
      file.replace('as build   \r\n', 'as build   \r\nENV NODE_ENV=production\r\n'),
    );
    // The end of the build stage: before the comment that leads into the next one.
    expect(emit(edit(file).addLabel('build', 'stage', 'build'))).toBe(
      file.replace('npm run build\r\n', 'npm run build\r\nLABEL stage=build\r\n'),
    );
  });

  it('what a fragment adds is checked against what the file declares there', () => {
    expect(() =>
      edit(file).insertAfter(
        (n) => n.keyword === 'FROM',
        (b) => b.env('X', '${LATER}'),
      ),
    ).toThrow(/uses LATER, which is not declared in this stage/);
    expect(
      emit(
        edit('FROM a AS one\nARG V\nRUN x\n').insertBefore(
          (n) => n.keyword === 'RUN',
          (b) => b.env('X', '${V}'),
        ),
      ),
    ).toBe('FROM a AS one\nARG V\nENV X="${V}"\nRUN x\n');
    expect(() => edit(file).remove('RUN' as never)).toThrow(
      /^remove\(\): where must be a function/,
    );
  });
});

describe('edit() reads the state dockerfile() would have built', () => {
  it('the last stage’s ARGs and ENVs, the global ARGs and the stages, at run time too', () => {
    const text: string = 'ARG BASE=alpine\nFROM ${BASE} AS base\nENV APP=/app\nARG MODE\n';
    expect(emit(edit(text).workdir('${APP}/${MODE}'))).toContain('WORKDIR "${APP}/${MODE}"');
    expect(() => edit(text).workdir('${NOPE}')).toThrow(
      /^workdir\(\): the path uses NOPE, which is not declared in this stage/,
    );
    expect(emit(edit(text).from('${BASE}', { as: 'brand-new' }))).toContain(
      'FROM ${BASE} AS brand-new',
    );
    expect(() => edit(text).from('alpine', { as: 'base' })).toThrow(/duplicate stage name/);
    const unnamed: string = 'FROM a\nFROM b\n';
    expect(emit(edit(unnamed).copy('/x', '/x', { from: '0' }))).toContain('COPY --from=0 /x /x');
    expect(edit(unnamed).stage).toEqual({ kind: 'stage', name: '1' });
  });
});

describe('edit() on a file that ends inside a line continuation', () => {
  // BuildKit skips blank and comment lines inside a continuation: what follows joins the RUN.
  const open = ['FROM a\nRUN echo \\', 'FROM a\nRUN x \\\n# c\n', 'FROM a\r\nRUN x \\  \r\n\r\n'];

  it.each(open)('refuses to write anything after the open instruction: %j', (text) => {
    const message = /the RUN instruction at line 2 ends with a line continuation/;
    expect(() => edit(text).user('node')).toThrow(/^user\(\): /);
    expect(() => edit(text).user('node')).toThrow(message);
    expect(() => edit(text).comment('note')).toThrow(message);
    expect(() => edit(text).addLabel(0, 'k', 'v')).toThrow(/^addLabel\(\): .*line continuation/);
    expect(() =>
      edit(text).insertAfter(
        (n) => n.keyword === 'RUN',
        (b) => b.user('node'),
      ),
    ).toThrow(/^insertAfter\(\): .*line continuation/);
  });

  it('still edits before it, byte for byte', () => {
    const text = 'FROM a:1\nRUN x \\\n# c\n';
    expect(emit(edit(text).setTag(0, '2'))).toBe('FROM a:2\nRUN x \\\n# c\n');
    expect(emit(edit(text).addEnv(0, 'K', 'v', { at: 'start' }))).toBe(
      'FROM a:1\nENV K=v\nRUN x \\\n# c\n',
    );
  });

  it('a file whose escape char is a backtick: a trailing backslash is not a continuation', () => {
    expect(emit(edit('# escape=`\nFROM a\nRUN echo \\').user('u'))).toBe(
      '# escape=`\nFROM a\nRUN echo \\\nUSER u\n',
    );
    expect(() => edit('# escape=`\nFROM a\nRUN echo `').user('u')).toThrow(/line continuation/);
  });
});

describe('setBase() and setTag() errors', () => {
  it('name the method the caller called, not from()', () => {
    expect(() => edit('FROM a:1\n').setBase(0, 'Bad Image')).toThrow(
      /^setBase\(\): the image is not a valid image reference.*"Bad Image"/,
    );
    expect(() => edit('FROM a:1\n').setBase(0, '${NOPE}' as string)).toThrow(
      /^setBase\(\): the image uses NOPE/,
    );
    expect(() => edit('FROM a:1\n').setTag(0, '${NOPE}' as string)).toThrow(
      /^setTag\(\): the image uses NOPE/,
    );
  });

  it('setTag() refuses an image whose variable modifier holds the ":" (BuildKit\'s own Dockerfile)', () => {
    const text =
      'ARG TARGETOS\nARG BUILDKIT_DEBUG\nFROM buildkit-$TARGETOS${BUILDKIT_DEBUG:+-debug} AS buildkit\n';
    expect(() => edit(text).setTag('buildkit', '9.9')).toThrow(
      /^setTag\(\): the image "buildkit-\$TARGETOS\$\{BUILDKIT_DEBUG:\+-debug\}" uses a variable whose modifier hides where its tag starts/,
    );
    expect(emit(edit('ARG V=1\nFROM golang:${V} AS b\n').setTag('b', '1.22'))).toBe(
      'ARG V=1\nFROM golang:1.22 AS b\n',
    );
  });
});

describe('syntax() on a file that has a # syntax= line', () => {
  it('replaces the line (the cap it set is lifted, so the output must say so)', () => {
    const text = '# syntax=docker/dockerfile:1.2\r\nFROM a\r\n';
    // The types offer syntax() before the first FROM only; the builder takes it on a loaded file.
    const loaded = () => edit(text) as unknown as { syntax(v: string): ReturnType<typeof edit> };
    expect(emit(loaded().syntax('docker/dockerfile:1.7').copy('a', 'b', { link: true }))).toBe(
      '# syntax=docker/dockerfile:1.7\r\nFROM a\r\nCOPY --link a b\r\n',
    );
    expect(() => edit(text).copy('a', 'b', { link: true })).toThrow(/caps it at 1\.2/);
    expect(emit(loaded().syntax('docker/dockerfile:1.2'))).toBe(text);
  });
});

describe('edits that would change what an untouched instruction refers to', () => {
  const twoStages = 'FROM a AS build\nRUN make\n\nFROM b\nCOPY --from=build /out /out\n';

  it('refuses to remove or rename a stage a later COPY --from, mount or FROM names', () => {
    // BuildKit would read --from=build as an image named "build" and pull it.
    expect(() => edit(twoStages).remove((_, at) => at.stage === 'build')).toThrow(
      /^remove\(\): the edit changes what COPY at line 5 refers to with "build": a stage before, an image of that name after$/,
    );
    expect(() =>
      edit(twoStages).replace(
        (n) => n.keyword === 'FROM' && n.args[0] === 'a',
        (b) => b.from('c', { as: 'other' }),
      ),
    ).toThrow(/^replace\(\): the edit changes what COPY at line 5/);
    const mount = 'FROM a AS deps\nFROM b\nRUN --mount=from=deps,target=/d true\n';
    expect(() => edit(mount).remove((_, at) => at.stage === 'deps')).toThrow(/RUN at line 3/);
    // The same name, or a new base image, keeps the reference.
    expect(
      emit(
        edit(twoStages).replace(
          (n) => n.keyword === 'FROM' && n.args[0] === 'a',
          (b) => b.from('c', { as: 'build' }),
        ),
      ),
    ).toBe('FROM c AS build\nRUN make\n\nFROM b\nCOPY --from=build /out /out\n');
    expect(emit(edit(twoStages).setBase('build', 'alpine'))).toContain('FROM alpine AS build');
  });

  it('refuses to shift the index a COPY --from=0 names', () => {
    const text = 'FROM a\nFROM b\nCOPY --from=0 /x /x\n';
    expect(() =>
      edit(text).insertBefore(
        (_, at) => at.index === 0,
        (b) => b.from('c'),
      ),
    ).toThrow(/^insertBefore\(\): the edit changes what COPY at line 3 refers to with "0"/);
    expect(emit(edit(text).setTag(0, '2'))).toBe('FROM a:2\nFROM b\nCOPY --from=0 /x /x\n');
  });

  it('refuses a result with an instruction before the first FROM, or two stages of one name', () => {
    expect(() => edit('FROM a\nRUN x\n').remove((n) => n.keyword === 'FROM')).toThrow(
      /^remove\(\): the result would have RUN "x" before the first FROM, outside any stage$/,
    );
    expect(() =>
      edit('FROM a\nRUN x\n').transform((n) =>
        n.type === 'instruction' && n.keyword === 'FROM' ? null : n,
      ),
    ).toThrow(/^transform\(\): the result would have RUN/);
    expect(() =>
      edit('FROM a AS x\nFROM b AS y\n').insertAfter(
        (_, at) => at.index === 0,
        (b) => b.from('c', { as: 'y' }),
      ),
    ).toThrow(/^insertAfter\(\): the result would have two stages named "y"$/);
  });
});

describe('edits that would move untouched instructions into another stage', () => {
  it('refuses removing a FROM that keeps its instructions, or a FROM inserted mid-stage', () => {
    const text = 'FROM a AS one\nRUN x\n\nFROM b\nRUN y\n';
    expect(() => edit(text).remove((_, at) => at.index === 2)).toThrow(
      /^remove\(\): the edit moves RUN at line 5 into another stage/,
    );
    expect(() =>
      edit(text).insertAfter(
        (n) => n.keyword === 'FROM' && n.args[0] === 'a',
        (b) => b.from('c', { as: 'two' }),
      ),
    ).toThrow(/^insertAfter\(\): the edit moves RUN at line 2 into another stage/);
  });

  it('takes whole stages, a new stage between stages, and a FROM replaced by a FROM', () => {
    const text = 'FROM a\nRUN x\n';
    expect(
      emit(
        edit(text).replace(
          (n) => n.keyword === 'FROM',
          (b) => b.from('c'),
        ),
      ),
    ).toBe('FROM c\nRUN x\n');
    expect(emit(edit(`${text}FROM b\nRUN y\n`).remove((_, at) => at.stageIndex === 1))).toBe(text);
    // transform() returning a new FROM node in the old one's place keeps the stage.
    const two = 'FROM a\nWORKDIR /app\nFROM b AS x\nRUN y\n';
    const isFromA = (n: ChildNode) =>
      n.type === 'instruction' && n.keyword === 'FROM' && n.args[0] === 'a';
    expect(
      emit(
        edit(two).transform((n) =>
          isFromA(n) ? createInstruction('FROM', { args: ['node:22-slim'] }) : undefined,
        ),
      ),
    ).toBe('FROM node:22-slim\nWORKDIR /app\nFROM b AS x\nRUN y\n');
    // …but not when a second FROM comes with it, ahead of the stage's instructions.
    expect(() =>
      edit(two).transform((n) =>
        isFromA(n)
          ? [
              createInstruction('FROM', { args: ['node:22-slim'] }),
              createInstruction('FROM', { args: ['c'] }),
            ]
          : undefined,
      ),
    ).toThrow(/^transform\(\): the edit moves WORKDIR at line 2 into another stage/);
    // setBase changes what the FROM it targets refers to: that is the edit asked for.
    expect(emit(edit('FROM a AS base\nFROM base AS app\n').setBase('app', 'alpine'))).toBe(
      'FROM a AS base\nFROM alpine AS app\n',
    );
  });

  it('follows an untouched node the edit copied to move blank lines onto it', () => {
    // Removing the FROM hands its blank line to the next node, which is still checked.
    const text = 'FROM a AS build\n\nFROM b AS x\nCOPY --from=build /x /x\n';
    expect(() => edit(text).remove((_, at) => at.index === 0)).toThrow(
      /^remove\(\): the edit changes what COPY at line 4 refers to with "build"/,
    );
  });
});
