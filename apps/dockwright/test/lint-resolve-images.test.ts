/**
 * `dockwright lint --resolve-images` (InvalidBaseImagePlatform), spawning the built binary
 * against the test engine and a registry on 127.0.0.1 (Debian's docker-registry), with images
 * built for other platforms (`FROM scratch` + `COPY`, which needs no emulation) and read back
 * from the registry and the engine. Nothing leaves this machine: every reference names the
 * loopback registry, or a closed loopback port for images only the engine has.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  docker,
  freePort,
  removeImage,
  requireDockerEngine,
  startRegistry,
  uniqueName,
} from '@dockwright/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const app = join(import.meta.dirname, '..');
const bin = join(app, 'dist/index.js');
const engine = requireDockerEngine();
const images: string[] = [];
const dirs: string[] = [];

/** A temporary directory, removed after the tests. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
const SLOW = 300_000;
const RULE = 'InvalidBaseImagePlatform';

let registry: Awaited<ReturnType<typeof startRegistry>> = null;
let repo = '';
/** An image reference only the engine has: its registry is a closed port on 127.0.0.1. */
let localOnly = '';
let enginePlatform = '';

function run(args: string[], cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: {
        ...process.env,
        NO_COLOR: '1',
        ...(engine ? { DOCKWRIGHT_DOCKER: engine.docker } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function ok(args: string[], options: { input?: string } = {}): Promise<string> {
  const r = await docker(args, options);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Builds `FROM scratch` + a file (or only a label: no layer) for `platform` as `tag`. */
async function buildFor(platform: string, tag: string, layered = true): Promise<void> {
  const dir = tempDir('lintplat-image-');
  writeFileSync(join(dir, 'foo'), 'test');
  writeFileSync(
    join(dir, 'Dockerfile'),
    layered ? 'FROM scratch\nCOPY foo /foo\n' : 'FROM scratch\nLABEL empty=yes\n',
  );
  images.push(tag);
  await ok(['build', '-q', '--platform', platform, '-t', tag, dir]);
}

/** Lints `text` as ./Dockerfile; the JSON findings of the rule, and the run. */
async function lintFile(text: string, args: string[] = []) {
  const dir = tempDir('lintplat-lint-');
  writeFileSync(join(dir, 'Dockerfile'), text);
  const r = await run(['lint', '--no-shellcheck', '--format', 'json', ...args, 'Dockerfile'], dir);
  const findings = (
    JSON.parse(r.stdout) as { ruleId: string; message: string; line: number; column: number }[]
  )
    .filter((f) => f.ruleId === RULE)
    .map((f) => `${f.line}:${f.column} ${f.message}`);
  return { ...r, findings };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(app, 'build.mjs')]);
}, SLOW);

beforeAll(async () => {
  if (!engine) return;
  enginePlatform = await ok(['version', '--format', '{{.Server.Os}}/{{.Server.Arch}}']);
  registry = await startRegistry();
  if (!registry) return;
  repo = `${registry.host}/${uniqueName('lintplat')}`;
  // BuildKit's testBaseImagePlatformMismatch: an image for a platform other than the engine's.
  const other = enginePlatform === 'linux/arm64' ? 'linux/amd64' : 'linux/arm64';
  await buildFor(other, `${repo}/other:1`);
  await buildFor('linux/386', `${repo}/i386:1`);
  await buildFor(other, `${repo}/empty:1`, false);
  for (const name of ['other', 'i386', 'empty']) await ok(['push', '-q', `${repo}/${name}:1`]);
  // A multi-platform image: the other platform and linux/386 (what amd64 falls back to).
  images.push(`${repo}/multi:1`);
  await ok([
    'manifest',
    'create',
    '--insecure',
    `${repo}/multi:1`,
    `${repo}/other:1`,
    `${repo}/i386:1`,
  ]);
  await ok(['manifest', 'push', '--purge', '--insecure', `${repo}/multi:1`]);
  // Only in the engine's store: the registry named is a closed port.
  localOnly = `127.0.0.1:${await freePort()}/${uniqueName('lintplat')}`;
  await buildFor(other, `${localOnly}/other:1`);
  await buildFor(enginePlatform, `${localOnly}/native:1`);
  // Read back: the registry holds what the engine built, for the platform asked.
  const inspected = await ok([
    'image',
    'inspect',
    '--format',
    '{{.Os}}/{{.Architecture}}',
    `${repo}/other:1`,
  ]);
  expect(inspected).toBe(other);
}, SLOW);

afterAll(async () => {
  for (const image of images) await removeImage(image);
  await registry?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!engine)(
  'dockwright lint --resolve-images on the engine and a 127.0.0.1 registry',
  () => {
    const other = () => (enginePlatform === 'linux/arm64' ? 'linux/amd64' : 'linux/arm64');

    it(
      "reports BuildKit's case at BuildKit's line, from the registry's config",
      async () => {
        if (!registry) return;
        // BuildKit's Dockerfile for the check, with the registry's image.
        const text = `\nFROM ${repo}/other:1\nENV foo=bar\n\t`;
        const r = await lintFile(text, ['--resolve-images', '--platform', enginePlatform]);
        expect(r.findings).toEqual([
          `2:1 Base image ${repo}/other:1 was pulled with platform "${other()}", expected "${enginePlatform}" for current build`,
        ]);
        expect(r.code).toBe(1);
        // Without --platform the build is for the engine's platform: the same finding.
        expect((await lintFile(text, ['--resolve-images'])).findings).toEqual(r.findings);
        // Built for the image's platform, or the FROM asking for it: nothing.
        expect(
          (await lintFile(text, ['--resolve-images', '--platform', other()])).findings,
        ).toEqual([]);
        const named = `FROM --platform=${other()} ${repo}/other:1 AS tool-${other().split('/')[1]}\n`;
        expect((await lintFile(named, ['--resolve-images'])).findings).toEqual([]);
      },
      SLOW,
    );

    it(
      'names the image with the --build-arg values, as docker build does',
      async () => {
        if (!registry) return;
        const text = `ARG NAME=missing\nFROM ${repo}/\${NAME}:1\n`;
        const args = ['--resolve-images', '--platform', enginePlatform];
        const r = await lintFile(text, [...args, '--build-arg', 'NAME=other']);
        expect([r.stderr, r.findings]).toEqual([
          '',
          [
            `2:1 Base image ${repo}/other:1 was pulled with platform "${other()}", expected "${enginePlatform}" for current build`,
          ],
        ]);
        // The default names an image the registry does not have.
        const missing = await lintFile(text, args);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain(`cannot resolve base image ${repo}/missing:1 `);
      },
      SLOW,
    );

    it(
      'says nothing and asks nobody without --resolve-images',
      async () => {
        if (!registry) return;
        // The registry named is a closed port: a lookup would fail and exit 2.
        const r = await lintFile(`FROM ${localOnly}/gone:1\n`);
        expect(r.findings).toEqual([]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(1); // other rules' warnings (root final stage)
      },
      SLOW,
    );

    it(
      "picks a multi-platform image's manifest as BuildKit does",
      async () => {
        if (!registry || enginePlatform !== 'linux/amd64') return;
        const text = `FROM ${repo}/multi:1\n`;
        // linux/amd64 takes the linux/386 manifest, and BuildKit reports the mismatch.
        expect((await lintFile(text, ['--resolve-images'])).findings).toEqual([
          `1:1 Base image ${repo}/multi:1 was pulled with platform "linux/386", expected "linux/amd64" for current build`,
        ]);
        expect(
          (await lintFile(text, ['--resolve-images', '--platform', 'linux/arm64'])).findings,
        ).toEqual([]);
        // No manifest for the platform: BuildKit fails the build; lint says where.
        const none = await lintFile(`# a comment\nFROM ${repo}/multi:1\n`, [
          '--resolve-images',
          '--platform',
          'linux/s390x',
        ]);
        expect(none.code).toBe(2);
        expect(none.stderr).toContain(
          `Dockerfile:2:1: cannot resolve base image ${repo}/multi:1 for linux/s390x: no manifest for the platform (it has linux/386, linux/arm64)`,
        );
      },
      SLOW,
    );

    it(
      'takes an image without layers as scratch, and names the FROM of an image that cannot be resolved',
      async () => {
        if (!registry) return;
        const empty = await lintFile(`FROM ${repo}/empty:1\n`, ['--resolve-images']);
        expect(empty).toMatchObject({ code: 1, stderr: '', findings: [] });
        const text = `ARG TAG=1\nFROM ${localOnly}/native:1 AS unused\nFROM   ${repo}/missing:\${TAG}\n`;
        const r = await lintFile(text, ['--resolve-images']);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          `Dockerfile:3:1: cannot resolve base image ${repo}/missing:1 for ${enginePlatform}: no such tag or repository\n`,
        );
      },
      SLOW,
    );

    it(
      "uses the engine's copy when it serves the platform, or when the registry has none",
      async () => {
        if (!registry) return;
        // The native copy: no registry is asked (its port is closed, so asking would fail).
        const native = await lintFile(`FROM ${localOnly}/native:1\n`, ['--resolve-images']);
        expect(native).toMatchObject({ code: 1, stderr: '', findings: [] });
        // Another platform's copy: the registry is asked, cannot answer, and the copy is what
        // the engine has.
        const local = await lintFile(`FROM ${localOnly}/other:1\n`, ['--resolve-images']);
        expect(local.findings).toEqual([
          `1:1 Base image ${localOnly}/other:1 was pulled with platform "${other()}", expected "${enginePlatform}" for current build`,
        ]);
        expect(local.stderr).toBe('');
      },
      SLOW,
    );
  },
);

describe('dockwright lint --platform', () => {
  it(
    'refuses a --platform that is none',
    async () => {
      const dir = tempDir('lintplat-lint-');
      writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
      const r = await run(['lint', '--platform', 'linux/amd64,linux/arm64', 'Dockerfile'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--platform "linux/amd64,linux/arm64": one platform, not a list');
      const bad = await run(['lint', '--platform', 'linux/a md64', 'Dockerfile'], dir);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('is an invalid component of "linux/a md64"');
    },
    SLOW,
  );
});
