import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What the Docker CLI would log in to a registry with. */
export type Credentials =
  | { readonly username: string; readonly password: string }
  /** An OAuth2 refresh token (`docker login` to some registries stores one instead). */
  | { readonly identityToken: string };

/** The parts of `~/.docker/config.json` that say where credentials are. */
interface DockerConfig {
  readonly auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string }
  >;
  readonly credsStore?: string;
  readonly credHelpers?: Record<string, string>;
}

/** The error of a credential store or helper that failed (not one that has no entry). */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}

/** The key Docker files a registry's credentials under: Docker Hub's is its v1 index URL. */
export function credentialsKey(registry: string): string {
  return registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry;
}

/** `https://host:5000/v1/` → `host:5000`, as the Docker CLI matches `auths` keys. */
function keyHost(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}

/**
 * The credentials Docker would use for `registry`, looked up as the Docker CLI does: a
 * `credHelpers` entry for the registry, else the `credsStore`, else the `auths` entry; the
 * helpers run as `docker-credential-<name> get` from PATH. `configDir` defaults to
 * `$DOCKER_CONFIG`, else `~/.docker`. Null when nothing is stored.
 *
 * @example
 * ```ts
 * await dockerCredentials('ghcr.io') // { username: 'me', password: 'ghp_…' }
 * ```
 */
export async function dockerCredentials(
  registry: string,
  options: {
    configDir?: string;
    env?: NodeJS.ProcessEnv;
    /** How long a credential helper may take to answer. Default 60 s. */
    timeoutMs?: number;
  } = {},
): Promise<Credentials | null> {
  const env = options.env ?? process.env;
  const dir = options.configDir ?? env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  const path = join(dir, 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CredentialsError(`${path}: ${(error as Error).message}`, { cause: error });
  }
  let config: DockerConfig;
  try {
    config = JSON.parse(text) as DockerConfig;
  } catch (error) {
    // Not the parser's message: it quotes the text around the error, and the file holds passwords.
    const at = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new CredentialsError(`${path}: not valid JSON${at ? ` (at offset ${at})` : ''}`);
  }
  const key = credentialsKey(registry);
  const host = keyHost(key);
  const helper =
    config.credHelpers?.[key] ??
    Object.entries(config.credHelpers ?? {}).find(([k]) => keyHost(k) === host)?.[1] ??
    config.credsStore;
  if (helper) {
    const fromHelper = await runHelper(helper, key, env, options.timeoutMs ?? 60_000);
    if (fromHelper) return fromHelper;
  }
  const entry =
    config.auths?.[key] ??
    Object.entries(config.auths ?? {}).find(([k]) => keyHost(k) === host)?.[1];
  if (!entry) return null;
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.username !== undefined && entry.password !== undefined) {
    return { username: entry.username, password: entry.password };
  }
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return null;
}

/**
 * The credential-helper protocol: the server URL on stdin of `docker-credential-<name> get`,
 * `{"ServerURL","Username","Secret"}` on stdout; `<token>` as the user name means the secret
 * is an identity token. A helper that has nothing says `credentials not found` and exits 1.
 */
function runHelper(
  name: string,
  serverUrl: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<Credentials | null> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    return Promise.reject(
      new CredentialsError(`credential helper name ${JSON.stringify(name)} is not a plain name`),
    );
  }
  const command = `docker-credential-${name}`;
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    // A helper waiting for a keychain prompt nobody answers must not hang the caller.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new CredentialsError(`${command} get did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new CredentialsError(
          error.code === 'ENOENT'
            ? `credential helper ${command} is not on PATH (named in the Docker config)`
            : `${command}: ${error.message}`,
          { cause: error },
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        if (/credentials not found/i.test(out + err)) resolve(null);
        else
          reject(
            new CredentialsError(
              `${command} get failed: ${(err || out).trim() || `exit code ${code}`}`,
            ),
          );
        return;
      }
      try {
        const { Username, Secret } = JSON.parse(out) as { Username?: string; Secret?: string };
        if (typeof Secret !== 'string' || Secret === '') resolve(null);
        else if (Username === '<token>') resolve({ identityToken: Secret });
        else resolve({ username: Username ?? '', password: Secret });
      } catch {
        reject(new CredentialsError(`${command} get printed no JSON credentials`));
      }
    });
    child.stdin.on('error', () => {});
    child.stdin.end(serverUrl);
  });
}
