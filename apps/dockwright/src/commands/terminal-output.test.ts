/**
 * What build, bake and pin write to the terminal: text that comes from a build (step output,
 * the engine's messages) or from a file (image references) has its control characters shown
 * escaped, so it cannot move the cursor, clear the screen or retitle the terminal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildError, type BuildEvent, type BuildStep } from '@dockwright/build';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { Io } from '../io.js';
import { buildFailure, progressPrinter } from './build-script.js';
import { pinCommand } from './pin-command.js';

const HOSTILE = 'a\x1b[2J\x1b]0;pwned\x07b\rc\x9bd\x7f';
const SHOWN = 'a\\x1b[2J\\x1b]0;pwned\\x07b\\rc\\u009bd\\x7f';

function fakeIo(colors: boolean): Io & { text: () => string } {
  let err = '';
  let out = '';
  return {
    cwd: mkdtempSync(join(tmpdir(), 'dockwright-term-')),
    env: {},
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    outClosed: () => false,
    colors: pc.createColors(colors),
    version: '0.0.0',
    text: () => out + err,
  };
}

/** The text without the escape sequences the printers write themselves (colours, line clear). */
const withoutOwnSequences = (s: string) => s.replace(/\x1b\[[0-9;]*[mK]/g, '');

const step: BuildStep = {
  id: 5,
  name: `[2/2] RUN echo ${HOSTILE}`,
  source: null,
  platform: null,
  status: 'error',
  cached: false,
  durationMs: null,
  error: `exit ${HOSTILE}`,
};
const events: BuildEvent[] = [
  { type: 'step-started', step: { ...step, status: 'running', error: null } },
  { type: 'step-log', step, text: HOSTILE, time: 0.1 },
  { type: 'step-finished', step },
];

describe('terminal output', () => {
  it.each(['plain', 'tty'] as const)('escapes control characters in %s progress', (mode) => {
    const io = fakeIo(mode === 'tty');
    const printer = progressPrinter(mode, io);
    for (const e of events) printer.onProgress(e);
    printer.done();
    const text = withoutOwnSequences(io.text()).replaceAll('\r', '');
    expect(text).toContain(SHOWN);
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it('escapes them in a build failure, keeping its lines', () => {
    const io = fakeIo(false);
    const error = new BuildError({
      engineMessage: `failed: ${HOSTILE}\nsecond line`,
      step,
      location: null,
      output: [HOSTILE],
      exitCode: 1,
    });
    expect(buildFailure(error, io)).toBe(1);
    expect(io.text()).toContain(`failed: ${SHOWN}\nsecond line`);
    expect(io.text()).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it('escapes them in what pin says about a reference', async () => {
    const io = fakeIo(false);
    writeFileSync(join(io.cwd, 'Dockerfile'), `FROM ${HOSTILE}\n`);
    expect(await pinCommand([], io)).toBe(1);
    expect(io.text()).toContain('Dockerfile:1:6: ');
    expect(io.text()).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});
