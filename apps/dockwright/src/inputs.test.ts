import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '@dockwright/cli-kit';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from './inputs.js';

describe('writeAtomic', () => {
  it('replaces the file and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockwright-write-'));
    writeFileSync(join(dir, 'Dockerfile'), 'old\n');
    writeAtomic(join(dir, 'Dockerfile'), 'new\n');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('removes the temporary file when the rename fails, and names the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockwright-write-'));
    // Renaming a file over a non-empty directory fails after the temporary file is written.
    mkdirSync(join(dir, 'Dockerfile'));
    writeFileSync(join(dir, 'Dockerfile', 'keep'), 'x');
    expect(() => writeAtomic(join(dir, 'Dockerfile'), 'new\n', 'Dockerfile')).toThrow(CliError);
    expect(() => writeAtomic(join(dir, 'Dockerfile'), 'new\n', 'Dockerfile')).toThrow(
      /^Dockerfile: cannot write: /,
    );
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
  });
});
