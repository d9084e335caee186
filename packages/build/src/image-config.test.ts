/**
 * `imageConfig` against a small registry on 127.0.0.1 serving an index, its manifests and
 * configs: which manifest is read, and that every document is checked against its digest.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistryClient } from './registry-client.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

/** A registry holding `docs` by path (`manifests/1`, `blobs/sha256:…`); the paths it was asked. */
async function registry(docs: Record<string, string>): Promise<{ host: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '').replace(/^\/v2\/team\/app\//, '');
    asked.push(path);
    const body = docs[path];
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, asked };
}

function image(platform: { os: string; architecture: string }, layers: string[]) {
  const config = JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: layers } });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { digest: sha(config), size: config.length },
    layers: [],
  });
  return { config, manifest };
}

describe('imageConfig', () => {
  const amd = image({ os: 'linux', architecture: 'amd64' }, [sha('a')]);
  const arm = image({ os: 'linux', architecture: 'arm64' }, []);
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { digest: sha(amd.manifest), platform: { os: 'linux', architecture: 'amd64' } },
      {
        digest: sha(arm.manifest),
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      },
    ],
  });
  const docs = {
    'manifests/1': index,
    [`manifests/${sha(amd.manifest)}`]: amd.manifest,
    [`manifests/${sha(arm.manifest)}`]: arm.manifest,
    [`blobs/${sha(amd.config)}`]: amd.config,
    [`blobs/${sha(arm.config)}`]: arm.config,
    'manifests/single': arm.manifest,
  };

  it("reads the config of the manifest `choose` picks from an index's platforms", async () => {
    const { host, asked } = await registry(docs);
    const seen: unknown[] = [];
    const got = await createRegistryClient().imageConfig(`${host}/team/app:1`, (ps) => {
      seen.push(ps);
      return ps.findIndex((p) => p.architecture === 'arm64');
    });
    expect(seen).toEqual([
      [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
      ],
    ]);
    expect(got.digest).toBe(sha(arm.manifest));
    expect(got.platforms).toHaveLength(2);
    expect(got.config).toMatchObject({ os: 'linux', architecture: 'arm64' });
    expect(asked).toEqual([
      'manifests/1',
      `manifests/${sha(arm.manifest)}`,
      `blobs/${sha(arm.config)}`,
    ]);
  });

  it('reads a single-platform image without asking `choose`', async () => {
    const { host } = await registry(docs);
    const got = await createRegistryClient().imageConfig(`${host}/team/app:single`, () => {
      throw new Error('not an index');
    });
    expect(got).toMatchObject({ platforms: null, config: { architecture: 'arm64' } });
  });

  it('says which platforms an index has when none fits', async () => {
    const { host } = await registry(docs);
    await expect(
      createRegistryClient().imageConfig(`${host}/team/app:1`, () => -1),
    ).rejects.toThrow(
      `${host}/team/app:1: no manifest for the platform (it has linux/amd64, linux/arm64)`,
    );
  });

  it('refuses a document that is not what its digest says', async () => {
    const forged = image({ os: 'linux', architecture: 's390x' }, []);
    const { host } = await registry({
      ...docs,
      [`manifests/${sha(arm.manifest)}`]: forged.manifest,
    });
    await expect(
      createRegistryClient().imageConfig(`${host}/team/app:1`, (ps) => ps.length - 1),
    ).rejects.toThrow('the registry answered content of another digest');
    const { host: other } = await registry({ ...docs, [`blobs/${sha(arm.config)}`]: amd.config });
    await expect(
      createRegistryClient().imageConfig(`${other}/team/app:single`, () => 0),
    ).rejects.toThrow('the registry answered content of another digest');
    // A reference by digest gets that digest's manifest or nothing.
    const pinned = `${host}/team/app:single@${sha(amd.manifest)}`;
    const { host: third } = await registry({
      ...docs,
      [`manifests/${sha(amd.manifest)}`]: arm.manifest,
    });
    await expect(
      createRegistryClient().imageConfig(pinned.replace(host, third), () => 0),
    ).rejects.toThrow('the registry answered content of another digest');
  });

  it('names the image that is missing', async () => {
    const { host } = await registry(docs);
    await expect(createRegistryClient().imageConfig(`${host}/team/app:2`, () => 0)).rejects.toThrow(
      `${host}/team/app:2: no such tag or repository`,
    );
  });
});
