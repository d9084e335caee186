/**
 * Where the registry client sends credentials, against small HTTP servers on loopback
 * addresses (127.0.0.1 is the registry; 127.0.0.2 and 127.0.0.3 stand for other hosts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistryClient, mayReceiveCredentials, RegistryError } from './registry-client.js';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const BASIC = `Basic ${Buffer.from('robot:s3cret').toString('base64')}`;
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(
  address: string,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, address, r));
  return `${address}:${(server.address() as AddressInfo).port}`;
}

/** A token service that records the Authorization it was sent and hands out `token`. */
async function tokenService(address: string, seen: string[]): Promise<string> {
  return serve(address, (req, res) => {
    seen.push(req.headers.authorization ?? '(none)');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"tok"}');
  });
}

/** A registry that asks for a token from `realm` and answers the manifest once it has one. */
async function registryWithRealm(realm: () => string): Promise<string> {
  return serve('127.0.0.1', (req, res) => {
    if (req.headers.authorization === 'Bearer tok') {
      res.writeHead(200, { 'docker-content-digest': DIGEST }).end();
      return;
    }
    res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm()}",service="reg"` }).end();
  });
}

const withPassword = () =>
  createRegistryClient({ credentials: async () => ({ username: 'robot', password: 's3cret' }) });

describe('credentials and token realms', () => {
  it('sends the credentials to a token service on the registry’s own host', async () => {
    const seen: string[] = [];
    const auth = await tokenService('127.0.0.1', seen);
    const registry = await registryWithRealm(() => `http://${auth}/token`);
    expect(await withPassword().digest(`${registry}/team/app:1`)).toBe(DIGEST);
    expect(seen).toEqual([BASIC]);
  });

  it('never sends them to a realm on another host: the token is asked for anonymously', async () => {
    const seen: string[] = [];
    const elsewhere = await tokenService('127.0.0.2', seen);
    const registry = await registryWithRealm(() => `http://${elsewhere}/token`);
    // A public image still resolves, with an anonymous token.
    expect(await withPassword().digest(`${registry}/team/app:1`)).toBe(DIGEST);
    expect(seen).toEqual(['(none)']);
  });

  it('says why when the other host refuses the anonymous token', async () => {
    const elsewhere = await serve('127.0.0.2', (_req, res) => res.writeHead(401).end());
    const registry = await registryWithRealm(() => `http://${elsewhere}/token`);
    await expect(withPassword().digest(`${registry}/team/app:1`)).rejects.toThrow(
      /credentials .* not sent to 127\.0\.0\.2/,
    );
  });

  it('answers no challenge of a host the registry redirected to', async () => {
    const seen: string[] = [];
    const elsewhere = await tokenService('127.0.0.2', seen);
    const other = await serve('127.0.0.3', (req, res) => {
      seen.push(`other ${req.headers.authorization ?? '(none)'}`);
      res
        .writeHead(401, {
          'www-authenticate': `Basic realm="x", Bearer realm="http://${elsewhere}/t"`,
        })
        .end();
    });
    const registry = await serve('127.0.0.1', (req, res) => {
      res.writeHead(307, { location: `http://${other}${req.url}` }).end();
    });
    await expect(withPassword().digest(`${registry}/team/app:1`)).rejects.toThrow();
    expect(seen.join('\n')).not.toContain(BASIC);
  });
});

describe('answers too large to read', () => {
  it('refuses a token answer over 1 MiB instead of reading it all', async () => {
    let sent = 0;
    const auth = await serve('127.0.0.1', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).write('{"token":"');
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      // Streams until the client hangs up: without a limit it would read all of it.
      const pump = () => {
        while (!res.destroyed && sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed && sent < 64 * 1024 * 1024) res.once('drain', pump);
        else res.end('"}');
      };
      pump();
    });
    const registry = await registryWithRealm(() => `http://${auth}/token`);
    await expect(createRegistryClient().digest(`${registry}/team/app:1`)).rejects.toThrow(
      /token service of .*larger than 1048576 bytes/,
    );
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('a registry that answers too slowly', () => {
  it('says which answer did not arrive in time', async () => {
    const registry = await serve('127.0.0.1', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(drip));
    });
    const client = createRegistryClient({ timeoutMs: 300 });
    const error = await client.imageConfig(`${registry}/team/app:1`, () => 0).catch((e) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.message).toBe(
      `${registry}/team/app:1: the answer did not arrive within the time limit`,
    );
  });
});

describe('a registry that does not answer', () => {
  it('is waited on once, not once per image', async () => {
    const sockets: Socket[] = [];
    const server = createNetServer((socket) => {
      sockets.push(socket);
      socket.on('data', () => {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const registry = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = createRegistryClient({ timeoutMs: 200 });
      for (const repo of ['a', 'b', 'c']) {
        await expect(client.digest(`${registry}/${repo}:1`)).rejects.toThrow(
          /cannot reach registry/,
        );
      }
      // HTTPS, then plain HTTP (loopback), for the first image only.
      expect(sockets).toHaveLength(2);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('mayReceiveCredentials', () => {
  it.each([
    ['registry-1.docker.io', 'auth.docker.io', true],
    ['registry.gitlab.com', 'gitlab.com', true],
    ['gitlab.example.com:5050', 'gitlab.example.com', true],
    ['ghcr.io', 'ghcr.io', true],
    ['ghcr.io', 'evil.io', false],
    ['ghcr.io', 'ghcr.io.evil.com', false],
    ['registry.example.com', 'example.com.evil.net', false],
    ['registry.example.com', 'notexample.com', false],
    ['127.0.0.1:5000', '127.0.0.1', true],
    ['127.0.0.1:5000', '127.0.0.2', false],
    ['10.0.0.5:5000', '0.0.5', false],
    ['[::1]:5000', '[::1]', true],
    ['localhost:5000', 'evil.localhost', false],
  ])('%s → %s: %s', (registry, realm, expected) => {
    expect(mayReceiveCredentials(registry, realm)).toBe(expected);
  });
});
