/**
 * The engine tests' defences against the network's weather: a build that goes silent is
 * cancelled and, when the silent step fetches packages, run again (up to twice, as a build that
 * names a network error is); a scaffold that outlives
 * its bound, or whose package manager cannot reach the registry, is run once more; nothing else
 * is retried. Checked on a stand-in docker client and on registries on loopback that never
 * answer or reset every connection, and, with an engine, on a real build that sleeps.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  buildRetryingNetwork,
  dockerBuild,
  expectBuilt,
  networkTrouble,
  removeImage,
  requireDockerEngine,
  unfinishedSteps,
  uniqueName,
} from '@dockwright/testkit';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import { runCliRetryingNetwork } from './engine-checks.js';
import { assertBuilt, removeTempDirs, tempDir } from './run-cli.js';

const engine = requireDockerEngine();

afterAll(removeTempDirs);

const LOG = `#1 [internal] load build definition from Dockerfile
#1 sha256:0f6c
#1 transferring dockerfile: 203B done
#1 DONE 0.0s

#4 [1/3] FROM docker.io/library/node:22-slim
#4 CACHED

#5 [build 2/3] RUN npm ci
#5 sha256:08ce

#6 [runtime 2/3] RUN npm ci --omit=dev
#6 sha256:5a1b
#6 3.207 npm warn deprecated inflight@1.0.6
`;

describe('unfinishedSteps', () => {
  it('names the steps that began and had not ended', () => {
    expect(unfinishedSteps(LOG)).toEqual([
      '[build 2/3] RUN npm ci',
      '[runtime 2/3] RUN npm ci --omit=dev',
    ]);
    expect(unfinishedSteps(`${LOG}#5 DONE 12.1s\n#6 ERROR: process did not complete\n`)).toEqual(
      [],
    );
    expect(unfinishedSteps(`${LOG}#6 CANCELED\n`)).toEqual(['[build 2/3] RUN npm ci']);
    expect(unfinishedSteps('')).toEqual([]);
  });
});

describe('networkTrouble', () => {
  const failed = (output: string) => ({
    ok: false,
    code: 1,
    stdout: '',
    stderr: output,
    output,
    durationMs: 1,
  });
  it('blames the network for a stall in a step that fetches, and for network error codes', () => {
    expect(
      networkTrouble({
        ...failed(LOG),
        stalled: { silentMs: 120_000, steps: unfinishedSteps(LOG) },
      }),
    ).toMatch(
      /printed nothing for 120 s in \[build 2\/3\] RUN npm ci; \[runtime 2\/3\] RUN npm ci --omit=dev/,
    );
    expect(networkTrouble(failed('#8 387.7 npm error code EIDLETIMEOUT'))).toMatch(/EIDLETIMEOUT/);
    expect(
      networkTrouble(failed('npm error network timeout at: https://registry.npmjs.org/qs')),
    ).toMatch(/network timeout/);
    expect(networkTrouble(failed('getaddrinfo EAI_AGAIN registry.npmjs.org'))).toMatch(/EAI_AGAIN/);
  });
  it('never blames it for a stall outside a fetching step, or for a genuine failure', () => {
    const building = '#7 [build 3/3] RUN npm run build\n';
    expect(
      networkTrouble({
        ...failed(building),
        stalled: { silentMs: 120_000, steps: unfinishedSteps(building) },
      }),
    ).toBe(undefined);
    expect(
      networkTrouble(
        failed(
          'npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/nope',
        ),
      ),
    ).toBe(undefined);
    expect(networkTrouble(failed('ERROR: failed to solve: dockerfile parse error line 3'))).toBe(
      undefined,
    );
    expect(networkTrouble({ ...failed(''), ok: true })).toBe(undefined);
  });
});

/**
 * A stand-in docker client: each call takes the next behaviour from FAKE_PLAN (the last one
 * repeats) and counts its calls in FAKE_CALLS. `stall:STEP` prints STEP's header and waits to be
 * stopped (printing CANCELED on SIGTERM, as docker build does); `ok`, `fail:TEXT` end at once.
 */
const FAKE_DOCKER = `#!${process.execPath}
const fs = require('node:fs');
const calls = Number(fs.existsSync(process.env.FAKE_CALLS) ? fs.readFileSync(process.env.FAKE_CALLS, 'utf8') : '0');
fs.writeFileSync(process.env.FAKE_CALLS, String(calls + 1));
const plan = JSON.parse(process.env.FAKE_PLAN);
const step = plan[Math.min(calls, plan.length - 1)];
process.stderr.write('#1 [internal] load build definition from Dockerfile\\n#1 DONE 0.0s\\n\\n');
if (step === 'ok') {
  process.stderr.write('#5 [2/3] RUN npm ci\\n#5 DONE 1.0s\\n');
} else if (step.startsWith('fail:')) {
  process.stderr.write('#5 [2/3] RUN npm ci\\n#5 0.1 ' + step.slice(5) + '\\n#5 ERROR\\n');
  process.exitCode = 1;
} else {
  process.stderr.write('#5 [2/3] ' + step.slice(6) + '\\n');
  process.on('SIGTERM', () => {
    process.stderr.write('#5 CANCELED\\ncontext canceled\\n');
    process.exit(1);
  });
  setInterval(() => {}, 1000);
}
`;

describe('buildRetryingNetwork on a stand-in docker client', () => {
  const dir = tempDir('cca-fake-docker-');
  const bin = join(dir, 'docker');
  const realDocker = process.env.DOCKWRIGHT_DOCKER;
  let warn: MockInstance<typeof console.warn>;
  beforeAll(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    writeFileSync(bin, FAKE_DOCKER);
    chmodSync(bin, 0o755);
    process.env.DOCKWRIGHT_DOCKER = bin;
  });
  afterAll(() => {
    if (realDocker === undefined) delete process.env.DOCKWRIGHT_DOCKER;
    else process.env.DOCKWRIGHT_DOCKER = realDocker;
    warn.mockRestore();
  });
  afterEach(() => warn.mockClear());

  let run = 0;
  /** Builds with the fake following `plan`; the silence bound is short but far above its start-up. */
  async function build(plan: string[]) {
    const calls = join(dir, `calls-${run++}`);
    const result = await buildRetryingNetwork(dir, 'fake:test', {
      stallTimeoutMs: 3000,
      env: { FAKE_PLAN: JSON.stringify(plan), FAKE_CALLS: calls },
    });
    return { result, calls: Number(readFileSync(calls, 'utf8')) };
  }

  it('cancels a build silent in an install and builds once more, with a warning', async () => {
    const { result, calls } = await build(['stall:RUN npm ci', 'ok']);
    expect(calls).toBe(2);
    expect(result.ok).toBe(true);
    expect(result.retried?.map((r) => r.why)).toEqual([
      expect.stringMatching(/^printed nothing for 3 s in \[2\/3\] RUN npm ci /),
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /^fake:test: printed nothing .* building again \(attempt 2 of 3\)$/,
    );
  });

  it('gives up after two retries, and the error says where and why', async () => {
    const { result, calls } = await build(['fail:npm error code EAI_AGAIN', 'stall:RUN npm ci']);
    expect(calls).toBe(3);
    expect(result.ok).toBe(false);
    expect(result.stalled?.steps).toEqual(['[2/3] RUN npm ci']);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(() => expectBuilt(result)).toThrow(
      /printed nothing for 3 s and was cancelled \(attempt 3; before it: the registry could not be reached \(EAI_AGAIN\); printed nothing .*\); running: \[2\/3\] RUN npm ci/,
    );
  });

  it('does not retry a stall in a step that fetches nothing', async () => {
    const { result, calls } = await build(['stall:RUN npm run build', 'ok']);
    expect(calls).toBe(1);
    expect(result.ok).toBe(false);
    expect(result.stalled?.steps).toEqual(['[2/3] RUN npm run build']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('retries a network error, and never a genuine failure', async () => {
    const network = await build(['fail:npm error code ECONNRESET', 'ok']);
    expect(network.calls).toBe(2);
    expect(network.result.ok).toBe(true);
    const genuine = await build(['fail:npm error code E404', 'ok']);
    expect(genuine.calls).toBe(1);
    expect(genuine.result.ok).toBe(false);
    expect(() => expectBuilt(genuine.result)).toThrow(/docker build failed \(exit 1\):[\s\S]*E404/);
  });
});

/** A registry on loopback that accepts connections and then `behave`s; closed in afterAll. */
async function fakeRegistry(behave: (socket: Socket) => void) {
  const open = new Set<Socket>();
  const server: Server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {});
    socket.resume(); // reads (and drops) what comes, so a closed peer is seen
    behave(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    open,
    close: () => {
      for (const socket of open) socket.destroy();
      server.close();
    },
  };
}

describe('runCliRetryingNetwork on registries that fail on loopback', () => {
  let warn: MockInstance<typeof console.warn>;
  beforeAll(() => {
    assertBuilt();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterAll(() => warn.mockRestore());
  afterEach(() => warn.mockClear());

  const args = (name: string) => [
    name,
    '--template',
    'node',
    '--package-manager',
    'npm',
    '--no-interactive',
  ];

  it('stops a scaffold stalled on a silent registry (SIGTERM: nothing left behind) and runs it once more', async () => {
    const registry = await fakeRegistry(() => {}); // never answers
    try {
      const cwd = tempDir('cca-stall-');
      const res = await runCliRetryingNetwork(args('app'), {
        cwd,
        env: { npm_config_registry: registry.url },
        boundMs: 4000,
      });
      expect(res.overran).toBe(4000);
      expect(res.stderr).toMatch(/Interrupted \(SIGTERM\); nothing was written/);
      expect(res.lines.map((l) => l.text)).toContain('◇ Creating package-lock.json with npm…');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(
        /still running after 4 s; stopped; running it once more$/,
      );
      expect(readdirSync(cwd)).toEqual([]);
      // npm (in its own process group) was stopped too: its connections close.
      for (let i = 0; i < 50 && registry.open.size > 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(registry.open.size).toBe(0);
    } finally {
      registry.close();
    }
  });

  it('runs a scaffold once more when npm could not reach the registry, and reports the second run', async () => {
    const registry = await fakeRegistry((socket) => socket.destroy()); // resets every connection
    try {
      const cwd = tempDir('cca-reset-');
      const res = await runCliRetryingNetwork(args('app'), {
        cwd,
        env: { npm_config_registry: registry.url },
        resetForRetry: () => rmSync(join(cwd, 'app'), { recursive: true, force: true }),
      });
      expect(res.overran).toBe(undefined);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(/Could not create package-lock\.json: npm failed/);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(
        /the registry could not be reached \(\w+\); running it once more$/,
      );
      expect(res.lockfileMs).toBe(undefined);
      expect(existsSync(join(cwd, 'app', 'package-lock.json'))).toBe(false);
    } finally {
      registry.close();
    }
  });
});

describe.skipIf(!engine)('dockerBuild in a real engine', () => {
  it('cancels a build that prints nothing for stallTimeoutMs and names the step it was in', async () => {
    const tag = `${uniqueName('cca-stall')}:test`;
    try {
      const result = await dockerBuild(tempDir('cca-stall-build-'), tag, {
        dockerfileText: `FROM debian:bookworm-slim\nRUN echo ${tag} && sleep 600\n`,
        noCache: true,
        stallTimeoutMs: 5000,
      });
      expect(result.ok).toBe(false);
      expect(result.stalled?.steps).toEqual([`[2/2] RUN echo ${tag} && sleep 600`]);
      // The bound holds: the build ended long before its sleep would have (the engine cancels it).
      expect(result.durationMs).toBeLessThan(120_000);
      expect(result.output).toMatch(/CANCELED|context canceled/);
    } finally {
      await removeImage(tag);
    }
  });
});
