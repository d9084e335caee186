import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatFinding, parseSpecFile, wrapRunsInOnbuild } from '../../test/spec-file.js';
import { lintWith } from '../lint.js';
import type { LintOptions } from '../types.js';
import { findShellcheck, runShellcheck } from './run-shellcheck.js';
import { shellcheckJobs } from './shellcheck-job.js';

const binary = findShellcheck();
const specFile = join(import.meta.dirname, '../../test/shellcheck.md');
const spec = parseSpecFile(readFileSync(specFile, 'utf8'), 'shellcheck.md');
const recorded = /recorded with ShellCheck\s+([0-9.]+)/.exec(readFileSync(specFile, 'utf8'))?.[1];
const version = binary
  ? /version: ([0-9.]+)/.exec(execFileSync(binary, ['--version'], { encoding: 'utf8' }))?.[1]
  : undefined;

it('finds shellcheck (CI installs it; elsewhere the ShellCheck tests skip without it)', (ctx) => {
  if (!binary && process.env.CI !== 'true') {
    ctx.skip(
      'shellcheck is not installed: skipping the ShellCheck tests (apt-get install shellcheck)',
    );
  }
  expect(binary).not.toBeNull();
});

/** Every case's findings, with one ShellCheck run over the scripts of all of them. */
async function findingsOfSpec(): Promise<Map<string, string[]>> {
  const inputs: { key: string; text: string; options: LintOptions }[] = [];
  for (const c of spec.cases) {
    if (c.findings)
      inputs.push({ key: `${c.line}`, text: `${c.dockerfile}\n`, options: c.options });
    if (c.onbuild) {
      const text = `${wrapRunsInOnbuild(c.dockerfile)}\n`;
      inputs.push({ key: `${c.line}:onbuild`, text, options: c.options });
    }
  }
  const perInput = inputs.map((input) => shellcheckJobs(input.text, input.options));
  const { results, note } = await runShellcheck(perInput.flat(), { binary });
  if (note) throw new Error(note);
  const out = new Map<string, string[]>();
  let k = 0;
  inputs.forEach((input, i) => {
    const mine = results.slice(k, k + perInput[i]!.length);
    k += perInput[i]!.length;
    const found = lintWith(input.text, { ...input.options, shellcheck: mine }, [], {
      merge: false,
    });
    out.set(input.key, found.filter((f) => f.ruleId.startsWith('SC')).map(formatFinding));
  });
  return out;
}

describe.skipIf(!binary)('ShellCheck on RUN (test/shellcheck.md)', async () => {
  const found = binary ? await findingsOfSpec() : new Map<string, string[]>();
  // The exact comments depend on ShellCheck's version; with another one, compare whether it
  // reports something.
  const exact = version === recorded;
  const same = (actual: string[] | undefined, expected: readonly string[]): void => {
    if (exact) expect(actual).toEqual(expected);
    else expect((actual ?? []).length > 0).toBe(expected.length > 0);
  };
  for (const c of spec.cases) {
    it(`${c.title} (line ${c.line})`, () => {
      if (c.findings) same(found.get(`${c.line}`), c.findings);
      if (c.onbuild) same(found.get(`${c.line}:onbuild`), c.onbuild);
    });
  }
});

describe('running shellcheck', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-test-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const jobs = shellcheckJobs('FROM debian:12\nRUN echo $1\n');

  it('gives one note, and no results, when there is no binary', async () => {
    const run = await runShellcheck(jobs, { env: { PATH: tempDir() } });
    expect(run.results).toEqual([]);
    expect(run.note).toMatch(/^shellcheck was not found on PATH/);
  });

  it('runs nothing from a relative PATH entry', () => {
    const dir = tempDir();
    const fake = join(dir, 'shellcheck');
    writeFileSync(fake, '#!/bin/sh\nexit 0\n');
    chmodSync(fake, 0o755);
    expect(findShellcheck({ PATH: `.:${dir}` })).toBe(fake);
    expect(findShellcheck({ PATH: 'relative/bin' })).toBeNull();
    expect(findShellcheck({ DOCKWRIGHT_SHELLCHECK: join(dir, 'missing'), PATH: dir })).toBeNull();
  });

  it('stops a shellcheck that hangs, within the time limit, with a note', async () => {
    const dir = tempDir();
    const fake = join(dir, 'shellcheck');
    writeFileSync(fake, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(fake, 0o755);
    const started = Date.now();
    const run = await runShellcheck(jobs, { binary: fake, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.results).toEqual([]);
    expect(run.note).toMatch(/did not finish within/);
  });

  it('reports output it cannot read as a note, not an error', async () => {
    const dir = tempDir();
    const fake = join(dir, 'shellcheck');
    writeFileSync(fake, '#!/bin/sh\necho not json\n');
    chmodSync(fake, 0o755);
    const run = await runShellcheck(jobs, { binary: fake });
    expect(run.note).toMatch(/not ShellCheck's json1/);
  });

  it.skipIf(!binary)('ignores a .shellcheckrc planted where the scripts are written', async () => {
    // Another user could leave /tmp/.shellcheckrc turning every check off.
    const dir = tempDir();
    writeFileSync(join(dir, '.shellcheckrc'), 'disable=all\n');
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      const run = await runShellcheck(jobs, { binary });
      expect(run.results[0]?.comments.map((c) => c.code)).toContain(2086);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it.skipIf(!binary)('checks many scripts in few processes, results in job order', async () => {
    const many = Array.from({ length: 80 }, (_, i) => `RUN echo $${i % 9}`).join('\n');
    const manyJobs = shellcheckJobs(`FROM debian:12\n${many}\n`);
    const run = await runShellcheck(manyJobs, { binary, concurrency: 2 });
    expect(run.note).toBeNull();
    expect(run.results.map((r) => r.job)).toEqual(manyJobs);
    expect(run.results.every((r) => r.comments.some((c) => c.code === 2086))).toBe(true);
  });
});
