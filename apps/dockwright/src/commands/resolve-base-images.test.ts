/**
 * `--resolve-images` against an engine that never answers: a docker client that hangs (as
 * one does when `DOCKER_HOST` accepts connections and sends nothing back).
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveBaseImages, resolveSetup } from './resolve-base-images.js';

const dir = mkdtempSync(join(tmpdir(), 'dockwright-resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A docker client that answers nothing and exits only when signalled. */
function hangingClient(): string {
  const path = join(dir, 'docker');
  writeFileSync(path, '#!/bin/sh\nexec sleep 300\n');
  chmodSync(path, 0o700);
  return path;
}

describe('resolveSetup with an engine that never answers', () => {
  it('gives up on it after the time limit and resolves from registries only', async () => {
    const notes: string[] = [];
    const started = Date.now();
    const setup = await resolveSetup({ command: hangingClient() }, [], (s) => notes.push(s), 300);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(setup.engine).toBeNull();
    expect(notes.join('')).toContain('docker version: no answer within 0.3 s');
  });

  it('does not wait on it for an image once it answered its platform', async () => {
    const setup = await resolveSetup({ command: hangingClient() }, [], () => {}, 300);
    // As if `docker version` had answered, then `docker image inspect` hangs: the image is
    // asked of its registry (a closed loopback port) instead.
    const [file] = await resolveBaseImages(
      [{ name: 'Dockerfile', text: 'FROM 127.0.0.1:9/app:1\n', options: {} }],
      { ...setup, engine: { command: hangingClient() }, buildPlatform: 'linux/amd64' },
    );
    expect(file?.errors).toEqual([
      expect.stringMatching(/^Dockerfile:1:1: cannot resolve base image 127\.0\.0\.1:9\/app:1 /),
    ]);
  });

  it('writes a file name with control characters as escapes', async () => {
    const setup = await resolveSetup({ command: hangingClient() }, [], () => {}, 300);
    const [file] = await resolveBaseImages(
      [{ name: 'evil\x1b]0;title\x07Dockerfile', text: 'FROM 127.0.0.1:9/app:1\n', options: {} }],
      setup,
    );
    expect(file?.errors[0]).toMatch(/^evil\\x1b\]0;title\\x07Dockerfile:1:1: cannot resolve /);
  });
});
