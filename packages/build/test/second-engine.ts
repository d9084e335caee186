/**
 * A second Docker engine for the tests, reached over TCP on 127.0.0.1 like a remote one: its
 * own dockerd with its own data-root, exec-root, pid file and bridge (and no iptables rules, as
 * scripts/docker-sandbox.sh runs the first), listening on tcp://127.0.0.1:PORT. Base images come
 * from the first engine (`docker save | docker load`): no registry is reachable here.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@dockwright/testkit';

export interface SecondEngine {
  readonly host: string;
  stop(): Promise<void>;
}

const DOCKERD = ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((p) => existsSync(p));

/** Why a second engine cannot start here, or null. */
export function secondEngineUnavailable(): string | null {
  if (!DOCKERD) return 'no dockerd binary';
  if (process.getuid?.() !== 0) return 'dockerd needs root';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return "no 'ip' command to make its bridge";
  }
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the engine and loads `images` into it from the engine `docker` talks to. */
export async function startSecondEngine(
  docker: string,
  images: readonly string[],
): Promise<SecondEngine> {
  const port = await freePort();
  // Short paths: dockerd and containerd put unix sockets under the exec-root (108-byte limit).
  const dir = mkdtempSync(join(tmpdir(), 'dw2-'));
  const bridge = `dwb${dir
    .slice(-6)
    .replace(/[^a-zA-Z0-9]/g, '')
    .toLowerCase()}`.slice(0, 15);
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'exec'));
  // A /24 no route or address on this machine uses yet.
  const used =
    execFileSync('ip', ['-4', 'addr'], { encoding: 'utf8' }) +
    execFileSync('ip', ['-4', 'route'], { encoding: 'utf8' });
  let subnet = '';
  for (let x = 10; x < 250; x++) {
    if (!used.includes(`172.29.${x}.`)) {
      subnet = `172.29.${x}`;
      break;
    }
  }
  execFileSync('ip', ['link', 'add', 'name', bridge, 'type', 'bridge']);
  execFileSync('ip', ['addr', 'add', `${subnet}.1/24`, 'dev', bridge]);
  execFileSync('ip', ['link', 'set', bridge, 'up']);
  const host = `tcp://127.0.0.1:${port}`;
  const log = join(dir, 'dockerd.log');
  const child = spawn(
    'sh',
    [
      '-c',
      `exec "$0" "$@" >"${log}" 2>&1`,
      DOCKERD!,
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      join(dir, 'exec'),
      '--pidfile',
      join(dir, 'docker.pid'),
      '-H',
      host,
      '--bridge',
      bridge,
      '--iptables=false',
      '--ip-masq=false',
    ],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  const pid = child.pid!;
  const stop = async () => {
    if (alive(pid)) {
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 200));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    try {
      execFileSync('ip', ['link', 'delete', bridge], { stdio: 'ignore' });
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  const env = { ...process.env, DOCKER_HOST: host };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      execFileSync(docker, ['info'], { env, stdio: 'ignore', timeout: 10_000 });
      break;
    } catch {
      if (!alive(pid) || Date.now() > deadline) {
        const tail = existsSync(log)
          ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n')
          : '';
        await stop();
        throw new Error(`the second dockerd did not start:\n${tail}`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  for (const image of images) {
    execFileSync(
      'sh',
      ['-c', `"$0" save "$1" | DOCKER_HOST="$2" "$0" load -q`, docker, image, host],
      {
        stdio: 'ignore',
        timeout: 120_000,
      },
    );
  }
  return { host, stop };
}
