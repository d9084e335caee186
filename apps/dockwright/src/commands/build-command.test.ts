import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '@dockwright/cli-kit';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { Io } from '../io.js';
import { buildCommand } from './build-command.js';

function io(): Io {
  const cwd = mkdtempSync(join(tmpdir(), 'dockwright-build-cmd-'));
  writeFileSync(join(cwd, 'Dockerfile'), 'FROM scratch\n');
  return {
    cwd,
    // No client is ever started: the options are refused first.
    env: { DOCKWRIGHT_DOCKER: '/nonexistent/docker' },
    out: () => {},
    err: () => {},
    outClosed: () => false,
    colors: pc.createColors(false),
    version: '0.0.0',
  };
}

describe('dockwright build --secret', () => {
  it.each([
    ['id=npmrc,src=a,b.txt', /--secret field "b.txt"/],
    ['id=npmrc,file=.npmrc', /--secret field "file=.npmrc"/],
    ['id=npmrc,type=ssh', /--secret type "ssh"/],
  ])('refuses %s instead of building with another secret', async (spec, message) => {
    const error = await buildCommand(['--secret', spec], io()).catch((e) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toMatch(message);
  });
});
