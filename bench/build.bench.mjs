// @dockwright/build: what build() adds to a plain `docker build` of the same cached Dockerfile,
// side by side in one run (same engine, same cache), and how long pinning takes against a
// registry on 127.0.0.1. Needs the test engine (scripts/docker-sandbox.sh) and Debian's
// docker-registry; each part is skipped with a note when they are missing. Figures on a
// shared 2-core machine are noisy: compare the rows of one run, not runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createRegistryClient, pinDockerfile } from '@dockwright/build';
import { docker, dockerEngine, startRegistry, uniqueName } from '@dockwright/testkit';
import { Bench } from 'tinybench';

const engine = dockerEngine();
const table = (bench) =>
  console.table(
    bench.tasks.map((t) => ({
      task: t.name,
      'mean ms': (t.result?.latency?.mean ?? t.result?.mean ?? Number.NaN).toFixed(1),
      'p99 ms': (t.result?.latency?.p99 ?? t.result?.p99 ?? Number.NaN).toFixed(1),
      samples: t.result?.latency?.samplesCount ?? t.result?.samples?.length ?? 0,
    })),
  );

// 1. Progress parsing alone (no engine): a captured Docker 20.10 log, 1000 times.
{
  const { PlainProgress } = await import('../packages/build/dist/plain-progress.js');
  const log = readFileSync(
    fileURLToPath(
      new URL(
        '../packages/build/test/fixtures/progress/docker-20.10-multi-stage.txt',
        import.meta.url,
      ),
    ),
    'utf8',
  );
  const bench = new Bench({ time: 1000 });
  bench.add('parse a plain progress log (1.6 KB) x1000', () => {
    for (let i = 0; i < 1000; i++) {
      const p = new PlainProgress(() => null);
      p.push(log);
      p.end();
    }
  });
  // A step that prints one long line (no newline for 4 MB), as the client delivers it: 64 KB
  // chunks. Parsing must stay linear in the line's length.
  const chunk = 'a'.repeat(65536);
  bench.add('parse one 4 MB output line in 64 KB chunks', () => {
    const p = new PlainProgress(() => null);
    p.push('#5 [2/2] RUN x\n#5 1.6 ');
    for (let i = 0; i < 64; i++) p.push(chunk);
    p.push('\n#5 DONE 1.0s\n');
    p.end();
  });
  await bench.run();
  table(bench);
}

if (!engine.available) {
  console.log(`no Docker engine (${engine.reason}): build and pin benchmarks skipped`);
  process.exit(0);
}

// 2. A fully cached build: build() against `docker build` with the same Dockerfile on stdin.
const dir = mkdtempSync(join(tmpdir(), 'dockwright-bench-'));
writeFileSync(join(dir, 'a.txt'), 'a\n');
const text = 'FROM debian:12-slim\nCOPY a.txt /a.txt\nRUN cat /a.txt > /b.txt\nLABEL bench=1\n';
const tag = `${uniqueName('build-bench')}:1`;
const client = { command: engine.docker };
await build(text, { context: dir, tags: [tag], engine: client });
const plainDockerBuild = () =>
  new Promise((resolve, reject) => {
    const child = spawn(engine.docker, ['build', '--progress=plain', '-t', tag, '-f', '-', dir], {
      env: { ...process.env, ...engine.env, DOCKER_BUILDKIT: '1' },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`docker build exited ${code}`)),
    );
    child.stdin.end(text);
  });
{
  const bench = new Bench({ time: 8000, warmupTime: 1000 });
  bench
    .add('docker build (cached, plain progress, no parsing)', plainDockerBuild)
    .add('build() (cached; detects buildx, parses progress)', () =>
      build(text, { context: dir, tags: [tag], engine: client }),
    )
    .add('build() with engine.kind given (no detection)', () =>
      build(text, { context: dir, tags: [tag], engine: { ...client, kind: 'docker' } }),
    );
  await bench.run();
  console.log('cached build of a 4-line Dockerfile on the test engine:');
  table(bench);
}

// 3. Pinning a Dockerfile with 6 references (3 tags) against a registry on 127.0.0.1.
const registry = await startRegistry().catch(() => null);
if (!registry) {
  console.log('no docker-registry: pin benchmark skipped');
} else {
  try {
    const refs = ['a:1', 'b:1', 'c:1'].map((t) => `${registry.host}/bench/${t}`);
    for (const ref of refs) {
      await docker(['tag', tag, ref]);
      await docker(['push', ref]);
    }
    const dockerfileText = refs.map((r) => `FROM ${r}\nCOPY --from=${r} /a.txt /a.txt\n`).join('');
    const bench = new Bench({ time: 3000, warmupTime: 300 });
    bench.add('pinDockerfile: 6 references, 3 tags, new client each time', async () => {
      const client = createRegistryClient();
      const r = await pinDockerfile(dockerfileText, { resolve: (ref) => client.digest(ref) });
      if (!r.ok) throw new Error('pin failed');
    });
    await bench.run();
    table(bench);
  } finally {
    await registry.stop();
  }
}
await docker(['image', 'rm', '-f', tag]);
