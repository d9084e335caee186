/** Docker's credential store, read from a config directory and helper scripts made here. */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialsError, dockerCredentials } from './docker-credentials.js';

function configDir(config: string, helpers: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'dockwright-creds-'));
  const dir = join(home, 'docker');
  const bin = join(home, 'bin');
  mkdirSync(dir);
  mkdirSync(bin);
  writeFileSync(join(dir, 'config.json'), config);
  for (const [name, script] of Object.entries(helpers)) {
    writeFileSync(join(bin, `docker-credential-${name}`), script);
    chmodSync(join(bin, `docker-credential-${name}`), 0o700);
  }
  return { configDir: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } };
}

describe('dockerCredentials', () => {
  it('stops a credential helper that does not answer in time', async () => {
    const needle = `${41 + (process.pid % 1000) / 1000}`;
    const options = configDir(JSON.stringify({ credsStore: 'hang' }), {
      hang: `#!/bin/sh\nexec sleep ${needle}\n`,
    });
    const started = Date.now();
    const error = await dockerCredentials('ghcr.io', { ...options, timeoutMs: 300 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/docker-credential-hang get did not answer within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(20_000);
    await new Promise((r) => setTimeout(r, 200));
    const left = readdirSync('/proc').filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8') === `sleep\0${needle}\0`;
      } catch {
        return false;
      }
    });
    expect(left).toEqual([]);
  });

  it('does not quote the config file in its parse error (it holds passwords)', async () => {
    const options = configDir(
      '{"auths":{"ghcr.io":{"username":"me","password":"hunter2hunter2"}} , tru}',
    );
    const error = await dockerCredentials('ghcr.io', options).catch((e) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/config\.json: not valid JSON/);
    expect(error.message).not.toContain('hunter2');
  });
});
