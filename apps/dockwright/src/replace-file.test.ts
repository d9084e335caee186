import {
  chmodSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '@dockwright/cli-kit';
import { describe, expect, it } from 'vitest';
import { readInput } from './read-input.js';
import { replaceFile } from './replace-file.js';

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'dockwright-replace-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

const NEW = Buffer.from('new\n');

describe('replaceFile', () => {
  it('renames a new file over the old one, keeping the mode, and leaves nothing else', () => {
    const d = dir({ Dockerfile: 'old\n' });
    chmodSync(join(d, 'Dockerfile'), 0o751);
    const { source } = readInput('Dockerfile', d);
    expect(replaceFile(source, NEW, 'Dockerfile')).toBe('renamed');
    expect(readFileSync(join(d, 'Dockerfile'), 'utf8')).toBe('new\n');
    expect(statSync(join(d, 'Dockerfile')).mode & 0o7777).toBe(0o751);
    expect(readdirSync(d)).toEqual(['Dockerfile']);
  });

  it('writes through a symlink', () => {
    const d = dir({ real: 'old\n' });
    symlinkSync('real', join(d, 'Dockerfile'));
    expect(replaceFile(readInput('Dockerfile', d).source, NEW, 'Dockerfile')).toBe('renamed');
    expect(readFileSync(join(d, 'real'), 'utf8')).toBe('new\n');
    expect(readdirSync(d).sort()).toEqual(['Dockerfile', 'real']);
  });

  it('writes a hard-linked file in place, so every name sees the new text', () => {
    const d = dir({ Dockerfile: 'old text that is longer\n' });
    linkSync(join(d, 'Dockerfile'), join(d, 'other'));
    const ino = statSync(join(d, 'Dockerfile')).ino;
    expect(replaceFile(readInput('Dockerfile', d).source, NEW, 'Dockerfile')).toBe('in place');
    expect(readFileSync(join(d, 'other'), 'utf8')).toBe('new\n');
    expect(statSync(join(d, 'Dockerfile')).ino).toBe(ino);
    expect(statSync(join(d, 'Dockerfile')).nlink).toBe(2);
    expect(readdirSync(d).sort()).toEqual(['Dockerfile', 'other']);
  });

  it('does not replace a file another program wrote since it was read', () => {
    const d = dir({ Dockerfile: 'old\n' });
    const { source } = readInput('Dockerfile', d);
    writeFileSync(join(d, 'Dockerfile'), 'edited meanwhile\n');
    expect(() => replaceFile(source, NEW, 'Dockerfile')).toThrow(
      /^Dockerfile: not written: it changed since it was read/,
    );
    expect(readFileSync(join(d, 'Dockerfile'), 'utf8')).toBe('edited meanwhile\n');
    expect(readdirSync(d)).toEqual(['Dockerfile']);
  });

  it('is done when another run already wrote the same text', () => {
    const d = dir({ Dockerfile: 'old\n' });
    const { source } = readInput('Dockerfile', d);
    writeFileSync(join(d, 'Dockerfile'), NEW);
    expect(replaceFile(source, NEW, 'Dockerfile')).toBe('already so');
  });

  it('refuses what is not a regular file, and names it', () => {
    const d = dir({ Dockerfile: 'old\n' });
    const { source } = readInput('Dockerfile', d);
    mkdirSync(join(d, 'dir'));
    const moved = { ...source, path: join(d, 'dir') };
    expect(() => replaceFile(moved, NEW, 'dir')).toThrow(CliError);
    expect(() => replaceFile(moved, NEW, 'dir')).toThrow(/^dir: not written: not a regular file/);
    expect(readdirSync(d).sort()).toEqual(['Dockerfile', 'dir']);
  });
});
