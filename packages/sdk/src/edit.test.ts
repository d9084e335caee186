import { type ChildNode, instruction } from '@dockwright/ast';
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
        return instruction('CMD', { args: ['node', 'dist/server.js'], json: true });
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
