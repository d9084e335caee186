/**
 * Pushing and pinning against a real registry on 127.0.0.1 (Debian's docker-registry), and
 * token authentication through a small token server in front of it, with Docker's credentials
 * coming from a credential helper script on PATH. Nothing leaves this machine.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  docker,
  freePort,
  removeImage,
  requireBuildx,
  requireDockerEngine,
  startRegistry,
  uniqueName,
} from '@dockwright/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createRegistryClient, dockerCredentials, pinDockerfile } from '../src/index.js';

const engine = requireDockerEngine();
const client = engine ? { command: engine.docker } : {};
const buildx = engine ? requireBuildx() : null;
const images: string[] = [];

let registry: Awaited<ReturnType<typeof startRegistry>>;
beforeAll(async () => {
  if (engine) registry = await startRegistry();
});
afterAll(async () => {
  for (const image of images) await removeImage(image);
  await registry?.stop();
});

/** Builds a one-label image and pushes it as `ref`; the pushed digest. */
async function push(ref: string, label: string): Promise<string> {
  images.push(ref);
  const r = await build(`FROM debian:12-slim\nLABEL dockwright.version=${label}\n`, {
    tags: [ref],
    push: true,
    engine: client,
  });
  // The image the tag named before a move stays behind untagged: remove it by id too.
  if (r.imageId) images.push(r.imageId);
  return r.digest!;
}

describe.skipIf(!engine)('registry on 127.0.0.1', () => {
  it('pushes, pins, finds the moved tag and updates', async () => {
    if (!registry) return;
    const repo = `${registry.host}/${uniqueName('build-test')}`;
    const first = await push(`${repo}:1`, 'one');
    const registryClient = createRegistryClient();
    expect(await registryClient.digest(`${repo}:1`)).toBe(first);

    const original = `# syntax comments and spacing stay\r\nFROM   ${repo}:1 AS base\r\nFROM base\r\nCOPY --from=${repo}:1 /etc/hostname /h\r\nRUN --mount=type=bind,from=${repo}:1,target=/m \\\r\n    cat /m/etc/debian_version\r\nCOPY --from=base /etc/os-release /o\r\n`;
    const resolve = (ref: Parameters<typeof registryClient.digest>[0]) =>
      registryClient.digest(ref);
    const pinned = await pinDockerfile(original, { resolve });
    expect(pinned.ok).toBe(true);
    expect(pinned.references.map((r) => [r.kind, r.status, r.line])).toEqual([
      ['from', 'pinned', 2],
      ['copy', 'pinned', 4],
      ['mount', 'pinned', 5],
    ]);
    // Only the references changed: remove the digests and the text is the original, byte for byte.
    expect(pinned.text.replaceAll(`@${first}`, '')).toBe(original);
    expect(pinned.text).toContain(`FROM   ${repo}:1@${first} AS base\r\n`);

    // The engine builds the pinned Dockerfile, pulling each image by its digest.
    const built = await build(pinned.text, { engine: client });
    expect(built.imageId).toMatch(/^sha256:/);

    expect((await pinDockerfile(pinned.text, { mode: 'check', resolve })).ok).toBe(true);

    // The tag moves to another image.
    const second = await push(`${repo}:1`, 'two');
    expect(second).not.toBe(first);
    const check = await pinDockerfile(pinned.text, {
      mode: 'check',
      resolve: (r) => createRegistryClient().digest(r),
    });
    expect(check.ok).toBe(false);
    expect(check.references.map((r) => [r.status, r.digest, r.latest])).toEqual([
      ['moved', first, second],
      ['moved', first, second],
      ['moved', first, second],
    ]);
    expect(check.text).toBe(pinned.text);

    const pinAgain = await pinDockerfile(pinned.text, {
      resolve: (r) => createRegistryClient().digest(r),
    });
    expect(pinAgain.text).toBe(pinned.text); // pin leaves pinned references alone

    const updated = await pinDockerfile(pinned.text, {
      mode: 'update',
      resolve: (r) => createRegistryClient().digest(r),
    });
    expect(updated.references.map((r) => r.status)).toEqual(['updated', 'updated', 'updated']);
    expect(updated.text).toBe(pinned.text.replaceAll(first, second));
    const after = await pinDockerfile(updated.text, {
      mode: 'check',
      resolve: (r) => createRegistryClient().digest(r),
    });
    expect(after.ok).toBe(true);
  });

  it.skipIf(!buildx)(
    'pushes through docker buildx, reporting the digest the registry serves',
    async () => {
      if (!registry) return;
      const ref = `${registry.host}/${uniqueName('buildx-test')}:1`;
      images.push(ref);
      const r = await build(`FROM debian:12-slim\nLABEL dockwright.pushed-by=buildx-${ref}\n`, {
        tags: [ref],
        push: true,
        engine: { ...client, config: buildx!.config },
      });
      expect(r.engine).toBe('buildx');
      expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(r.pushed).toEqual([{ tag: ref, digest: r.digest }]);
      expect(await createRegistryClient().digest(ref)).toBe(r.digest);
      // The docker driver also loads the image: its id is the one the engine has.
      const local = await docker(['image', 'inspect', '-f', '{{.Id}}', ref]);
      expect(local.stdout.trim()).toBe(r.imageId);
    },
  );

  it('reports a missing tag as a registry error', async () => {
    if (!registry) return;
    const r = await pinDockerfile(`FROM ${registry.host}/nobody/nothing:1\n`, {
      resolve: (ref) => createRegistryClient().digest(ref),
    });
    expect(r.references[0]).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/no such tag or repository/),
    });
    expect(r.ok).toBe(false);
  });

  describe('token authentication and credential helpers', () => {
    let server: Server;
    let proxyHost: string;
    const seen: { tokenAuth: string[]; scopes: string[]; helperUrls: string[] } = {
      tokenAuth: [],
      scopes: [],
      helperUrls: [],
    };
    let configDir: string;
    let helperEnv: NodeJS.ProcessEnv;
    let repoName: string;
    let digest: string;
    const token = `tok-${uniqueName('t')}`;

    beforeAll(async () => {
      if (!registry) return;
      repoName = `${uniqueName('build-test')}/app`;
      digest = await push(`${registry.host}/${repoName}:1`, 'auth');
      const port = await freePort();
      proxyHost = `127.0.0.1:${port}`;
      const upstream = registry.host.split(':');
      // The token server and the registry behind it, as the distribution spec describes them.
      server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', `http://${proxyHost}`);
        if (url.pathname === '/token') {
          seen.tokenAuth.push(req.headers.authorization ?? '');
          seen.scopes.push(`${url.searchParams.get('service')} ${url.searchParams.get('scope')}`);
          if (
            req.headers.authorization !== `Basic ${Buffer.from('robot:s3cret').toString('base64')}`
          ) {
            res.writeHead(401).end();
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
          return;
        }
        if (req.headers.authorization !== `Bearer ${token}`) {
          const scope = /^\/v2\/(.+)\/manifests\//.exec(url.pathname)?.[1];
          res
            .writeHead(401, {
              'www-authenticate': `Bearer realm="http://${proxyHost}/token",service="dw-test"${scope ? `,scope="repository:${scope}:pull"` : ''}`,
            })
            .end();
          return;
        }
        const forward = request(
          {
            host: upstream[0],
            port: Number(upstream[1]),
            path: req.url,
            method: req.method,
            headers: { accept: req.headers.accept ?? '*/*' },
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        forward.on('error', () => res.writeHead(502).end());
        req.pipe(forward);
      });
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));

      // A Docker config naming a credential helper for the token-protected registry.
      const home = mkdtempSync(join(tmpdir(), 'dockwright-creds-'));
      configDir = join(home, 'docker');
      const bin = join(home, 'bin');
      mkdirSync(configDir);
      mkdirSync(bin);
      const log = join(home, 'helper.log');
      writeFileSync(
        join(configDir, 'config.json'),
        JSON.stringify({ credHelpers: { [proxyHost]: 'dwtest' } }),
      );
      writeFileSync(
        join(bin, 'docker-credential-dwtest'),
        `#!/bin/sh\nread url\nprintf '%s\\n' "$1 $url" >> '${log}'\nif [ "$url" = "${proxyHost}" ]; then\n  printf '{"ServerURL":"%s","Username":"robot","Secret":"s3cret"}' "$url"\nelse\n  echo "credentials not found in native keychain"; exit 1\nfi\n`,
      );
      chmodSync(join(bin, 'docker-credential-dwtest'), 0o755);
      helperEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
      seen.helperUrls = [log];
    });
    afterAll(async () => {
      await new Promise((r) => (server ? server.close(r) : r(null)));
    });

    it('answers the Bearer challenge with a token bought with the helper’s credentials', async () => {
      if (!registry) return;
      const registryClient = createRegistryClient({
        credentials: (r) => dockerCredentials(r, { configDir, env: helperEnv }),
      });
      const r = await pinDockerfile(`FROM ${proxyHost}/${repoName}:1\n`, {
        resolve: (ref) => registryClient.digest(ref),
      });
      expect(r.references[0]).toMatchObject({ status: 'pinned', digest });
      expect(seen.scopes).toContain(`dw-test repository:${repoName}:pull`);
      expect(seen.tokenAuth.at(-1)).toBe(`Basic ${Buffer.from('robot:s3cret').toString('base64')}`);
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(seen.helperUrls[0]!, 'utf8')).toBe(`get ${proxyHost}\n`);
    });

    it('fails with a clear message when no credentials are stored', async () => {
      if (!registry) return;
      const anonymous = createRegistryClient({ credentials: async () => null });
      const r = await pinDockerfile(`FROM ${proxyHost}/${repoName}:1\n`, {
        resolve: (ref) => anonymous.digest(ref),
      });
      expect(r.references[0]).toMatchObject({
        status: 'error',
        message: expect.stringMatching(/token service .* refused an anonymous token .*HTTP 401/),
      });
    });

    it('reads auths entries and refuses a broken helper with its message', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dockwright-auths-'));
      writeFileSync(
        join(dir, 'config.json'),
        JSON.stringify({
          auths: {
            'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw').toString('base64') },
          },
          credHelpers: { 'broken.example': 'nonexistent-dwtest' },
        }),
      );
      expect(await dockerCredentials('docker.io', { configDir: dir })).toEqual({
        username: 'hub',
        password: 'pw',
      });
      expect(await dockerCredentials('ghcr.io', { configDir: dir })).toBeNull();
      await expect(dockerCredentials('broken.example', { configDir: dir })).rejects.toThrow(
        /docker-credential-nonexistent-dwtest is not on PATH/,
      );
    });
  });
});

describe.skipIf(!engine)('push without a registry', () => {
  it('fails the push with the client’s message', async () => {
    const port = await freePort();
    const ref = `127.0.0.1:${port}/${uniqueName('build-test')}:1`;
    images.push(ref);
    const error = await build('FROM debian:12-slim\nLABEL a=b\n', {
      tags: [ref],
      push: true,
      engine: client,
    }).catch((e) => e);
    expect(error.name).toBe('BuildError');
    expect(error.message).toMatch(new RegExp(`push of ${ref.replace(/[.]/g, '\\.')} failed`));
    const leftover = await docker(['image', 'inspect', ref]);
    expect(leftover.code).toBe(0); // the image was built; only the push failed
  });
});
