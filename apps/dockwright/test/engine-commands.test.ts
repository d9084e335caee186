/**
 * `dockwright build | pin | bake`, spawning the built binary: against the test engine and a
 * registry on 127.0.0.1 (Debian's docker-registry). Nothing leaves this machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  docker,
  removeImage,
  requireBuildx,
  requireDockerEngine,
  startRegistry,
  uniqueName,
} from '@dockwright/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const app = join(import.meta.dirname, '..');
const bin = join(app, 'dist/index.js');
const engine = requireDockerEngine();
const images: string[] = [];
/** Engine and registry tests build and push images. */
const SLOW = 300_000;

beforeAll(() => {
  execFileSync(process.execPath, [join(app, 'build.mjs')]);
}, SLOW);
afterAll(async () => {
  for (const image of images) await removeImage(image);
});

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: {
        ...process.env,
        NO_COLOR: '1',
        ...(engine ? { DOCKWRIGHT_DOCKER: engine.docker } : {}),
        ...env,
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

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockwright-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('dockwright build, pin and bake: usage', () => {
  it(
    'documents each command and refuses bad usage with exit 2',
    async () => {
      const dir = project({});
      for (const command of ['build', 'pin', 'bake']) {
        const help = await run([command, '--help'], dir);
        expect(help.code).toBe(0);
        expect(help.stdout.startsWith(`Usage: dockwright ${command} `)).toBe(true);
      }
      const none = await run(['build'], dir);
      expect(none).toMatchObject({
        code: 2,
        stderr: 'no ./Dockerfile (see dockwright build --help)\n',
      });
      expect((await run(['pin', '--check', '--update'], dir)).code).toBe(2);
      expect((await run(['bake'], dir)).stderr).toBe(
        'no build script given (see dockwright bake --help)\n',
      );
      const bad = await run(['build', '--progress', 'fancy'], project({ Dockerfile: 'FROM a\n' }));
      expect(bad).toMatchObject({
        code: 2,
        stderr: '--progress must be auto, tty, plain or quiet, not "fancy"\n',
      });
    },
    SLOW,
  );

  it(
    'prints the bake file a script exports, and writes it with -o',
    async () => {
      const dir = project({
        'bake.mjs': `export default () => ({
  api: { dockerfile: 'ARG V=1\\nFROM node:\${V}\\n', context: 'api', tags: ['org/api:1'], args: { V: '22' } },
  web: { dockerfile: 'FROM nginx\\n', platforms: ['linux/amd64', 'linux/arm64'] },
});\n`,
      });
      const printed = await run(['bake', 'bake.mjs'], dir);
      expect(printed.code).toBe(0);
      const file = JSON.parse(printed.stdout);
      expect(file).toEqual({
        group: { default: { targets: ['api', 'web'] } },
        target: {
          api: {
            context: 'api',
            'dockerfile-inline': 'ARG V=1\nFROM node:$${V}\n',
            tags: ['org/api:1'],
            args: { V: '22' },
          },
          web: { 'dockerfile-inline': 'FROM nginx\n', platforms: ['linux/amd64', 'linux/arm64'] },
        },
      });
      const written = await run(['bake', 'bake.mjs', '-o', 'docker-bake.json'], dir);
      expect(written).toMatchObject({ code: 0, stdout: '' });
      expect(readFileSync(join(dir, 'docker-bake.json'), 'utf8')).toBe(printed.stdout);
      const broken = await run(
        ['bake', 'nothing.mjs'],
        project({ 'nothing.mjs': 'export const x = 1;\n' }),
      );
      expect(broken).toMatchObject({
        code: 2,
        stderr: 'nothing.mjs: the build script has no default export\n',
      });
    },
    SLOW,
  );
});

describe.skipIf(!engine)('dockwright build on the engine', () => {
  it(
    'builds a Dockerfile: image id on stdout, plain progress on stderr',
    async () => {
      const tag = `${uniqueName('build-cli')}:1`;
      images.push(tag);
      const dir = project({
        Dockerfile: 'FROM debian:12-slim\nARG WHO\nCOPY a.txt /a.txt\nRUN echo "hi $WHO" > /who\n',
        'a.txt': 'a\n',
      });
      const r = await run(
        ['build', '-t', tag, '--build-arg', 'WHO=cli', '--progress', 'plain'],
        dir,
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
      expect(r.stderr).toMatch(/\[3\/3\] RUN echo "hi cli" > \/who \(line 4\)/);
      expect(r.stderr).toMatch(
        /^built sha256:.* with the engine's built-in BuildKit \(3 steps, \d cached\)$/m,
      );
      const inspect = await docker(['image', 'inspect', '-f', '{{.Id}}', tag]);
      expect(inspect.stdout.trim()).toBe(r.stdout.trim());
      expect((await docker(['run', '--rm', tag, 'cat', '/who'])).stdout).toBe('hi cli\n');
    },
    SLOW,
  );

  it(
    'builds the Dockerfile a script exports, with its options',
    async () => {
      const tag = `${uniqueName('build-cli-script')}:1`;
      images.push(tag);
      const dir = project({
        'build.mjs': `export default { dockerfile: 'FROM debian:12-slim\\nARG FLAVOUR\\nLABEL flavour=\${FLAVOUR}\\n', buildArgs: { FLAVOUR: 'from-script' } };\n`,
      });
      const r = await run(['build', 'build.mjs', '-t', tag, '--progress', 'quiet'], dir);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const labels = await docker(['image', 'inspect', '-f', '{{json .Config.Labels}}', tag]);
      expect(JSON.parse(labels.stdout)).toMatchObject({ flavour: 'from-script' });
    },
    SLOW,
  );

  it(
    'exits 1 with the failing line, its frame and the step output',
    async () => {
      const dir = project({
        'app.Dockerfile': 'FROM debian:12-slim\n\nRUN echo "boom on purpose" && false\n',
      });
      const r = await run(['build', 'app.Dockerfile', '--progress', 'quiet', '--no-cache'], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^app\.Dockerfile:3:1: RUN failed: executor failed running .*exit code: 1\n/,
      );
      expect(r.stderr).toContain('   3 | > RUN echo "boom on purpose" && false\n');
      expect(r.stderr).toContain('last output of the step:\n  boom on purpose\n');
      const typo = await run(['build', 'app.Dockerfile', '--build-arg', 'NOPE=1'], dir);
      expect(typo).toMatchObject({
        code: 2,
        stderr: 'build arg NOPE is not declared by any ARG in the Dockerfile\n',
      });
    },
    SLOW,
  );
});

const buildx = engine ? requireBuildx() : null;

// Both clients: the engine's built-in BuildKit, and docker buildx (a DOCKER_CONFIG with the plugin).
for (const [kind, env] of [
  ['docker', {}],
  ['buildx', buildx ? { DOCKER_CONFIG: buildx.config } : null],
] as const) {
  describe.skipIf(!engine || !env)(`dockwright build and bake through ${kind}`, () => {
    it(
      'builds a Dockerfile, then writes a bake file and builds its targets: the same image',
      async () => {
        const tags = [1, 2].map((n) => `${uniqueName(`buildx-cli-${n}`)}:1`);
        images.push(...tags);
        const dockerfile = 'FROM debian:12-slim\nCOPY a.txt /a.txt\nRUN cat /a.txt > /b.txt\n';
        const dir = project({
          Dockerfile: dockerfile,
          'a.txt': `${uniqueName('content')}\n`,
          'bake.mjs': `export default { one: { dockerfile: ${JSON.stringify(dockerfile)}, tags: [${JSON.stringify(tags[0])}] }, two: { dockerfile: ${JSON.stringify(`${dockerfile}LABEL two=\${TWO}\n`)}, tags: [${JSON.stringify(tags[1])}] } };\n`,
        });
        const built = await run(['build', '--progress', 'plain'], dir, env!);
        expect(built.code).toBe(0);
        expect(built.stderr).toContain(
          kind === 'buildx' ? 'with docker buildx' : "with the engine's built-in BuildKit",
        );
        expect(built.stderr).toMatch(/\[3\/3\] RUN cat \/a.txt > \/b.txt \(line 3\)/);
        const baked = await run(
          ['bake', 'bake.mjs', '-o', 'docker-bake.json', '--build', '--progress', 'plain'],
          dir,
          env!,
        );
        expect(baked.code).toBe(0);
        // Progress lines carry their target.
        expect(baked.stderr).toMatch(/^two .*RUN cat \/a.txt > \/b.txt \(line 3\)/m);
        const lines = baked.stdout.trim().split('\n').sort();
        expect(lines).toEqual([
          `one ${built.stdout.trim()}`,
          expect.stringMatching(/^two sha256:[0-9a-f]{64}$/),
        ]);
        for (const [i, tag] of tags.entries()) {
          const id = await docker(['image', 'inspect', '-f', '{{.Id}}', tag]);
          expect(`${['one', 'two'][i]} ${id.stdout.trim()}`).toBe(lines[i]);
        }
        expect(readFileSync(join(dir, 'docker-bake.json'), 'utf8')).toContain('two=$${TWO}');
      },
      SLOW,
    );
  });
}

describe.skipIf(!engine)('dockwright pin against a registry on 127.0.0.1', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  beforeAll(async () => {
    registry = await startRegistry();
  }, SLOW);
  afterAll(async () => {
    await registry?.stop();
  }, SLOW);

  it(
    'pins, checks, sees the tag move, updates',
    async () => {
      if (!registry) return;
      const ref = `${registry.host}/${uniqueName('build-cli')}:1`;
      images.push(ref);
      const push = async (label: string) => {
        const dir = project({ Dockerfile: `FROM debian:12-slim\nLABEL v=${label}\n` });
        const r = await run(['build', '-t', ref, '--push', '--progress', 'quiet'], dir);
        expect(r.code).toBe(0);
        images.push(r.stdout.split('\n')[0]!); // left untagged once the tag moves
        return r.stdout.split('\n')[1]!.split('@')[1]!;
      };
      const first = await push('one');
      const text = `FROM ${ref} AS base\n# keep\nCOPY --from=${ref} /etc/hostname /h\n`;
      const dir = project({ Dockerfile: text });
      const unpinned = await run(['pin', '--check'], dir);
      expect(unpinned.code).toBe(1);
      expect(unpinned.stderr).toBe(
        `Dockerfile:1:6: ${ref} is not pinned (the tag names ${first})\nDockerfile:3:13: ${ref} is not pinned (the tag names ${first})\n`,
      );
      const pinned = await run(['pin'], dir);
      expect(pinned.code).toBe(0);
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(
        text.replaceAll(ref, `${ref}@${first}`),
      );
      expect(await run(['pin', '--check'], dir)).toMatchObject({ code: 0, stderr: '' });
      const second = await push('two');
      const moved = await run(['pin', '--check'], dir);
      expect(moved.code).toBe(1);
      expect(moved.stderr).toContain(
        `Dockerfile:1:6: ${ref} moved: pinned to ${first.slice(0, 19)}…, the tag names ${second} now\n`,
      );
      expect((await run(['pin', '--update'], dir)).code).toBe(0);
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(
        text.replaceAll(ref, `${ref}@${second}`),
      );
      expect((await run(['pin', '--check'], dir)).code).toBe(0);
      // stdin in, pinned text out; the file on disk is not touched.
      const stdin = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, 'pin', '-'], {
          cwd: dir,
          env: { ...process.env, NO_COLOR: '1' },
        });
        let stdout = '';
        child.stdout.on('data', (c) => (stdout += c));
        child.on('close', (code) => resolve({ code, stdout }));
        child.stdin.end(`FROM ${ref}\n`);
      });
      expect(stdin).toEqual({ code: 0, stdout: `FROM ${ref}@${second}\n` });
    },
    SLOW,
  );
});
