// The workspace's published packages, packed the way `pnpm publish` packs them (workspace:
// ranges replaced by versions), for the checks that look at what users install.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** The repository the packages point to (package.json `repository`, `homepage`, `bugs`). */
export const repositoryUrl = 'https://github.com/dockwright/dockwright';

/**
 * The pnpm that runs this script (`pnpm run` sets npm_execpath), else the pinned one via npx.
 * @returns {[string, string[]]}
 */
export function pnpmCommand() {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: a root script, not a turbo task
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) return [process.execPath, [execPath]];
  const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
  return ['npx', ['--yes', pinned]];
}

/**
 * @typedef {{ name: string, version: string, dir: string, relDir: string,
 *   manifest: Record<string, any> }} WorkspacePackage
 */

/**
 * Every workspace package but the root, private ones included.
 * @param {string} [dir] the workspace (default: this repository)
 * @returns {WorkspacePackage[]}
 */
export function workspacePackages(dir = root) {
  const [cmd, pre] = pnpmCommand();
  const res = spawnSync(cmd, [...pre, 'ls', '-r', '--json', '--depth', '-1'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`pnpm ls failed:\n${res.stderr}`);
  /** @type {{ name: string, path: string }[]} */
  const all = JSON.parse(res.stdout);
  return all
    .filter((p) => relative(dir, p.path) !== '')
    .map((p) => ({
      name: p.name,
      dir: p.path,
      relDir: relative(dir, p.path),
      manifest: JSON.parse(readFileSync(join(p.path, 'package.json'), 'utf8')),
    }))
    .map((p) => ({ ...p, version: p.manifest.version }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Every workspace package that is not private: what `pnpm publish -r` would publish.
 * @param {string} [dir] the workspace (default: this repository)
 * @returns {WorkspacePackage[]}
 */
export function publicPackages(dir = root) {
  return workspacePackages(dir).filter((p) => !p.manifest.private);
}

/**
 * Runs a command (no shell); resolves with its output, rejects with it when the exit code is
 * not 0.
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
export function exec(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr?.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve({ stdout, stderr });
      else {
        const where = options.cwd ? ` (in ${options.cwd})` : '';
        const why = signal ? `signal ${signal}` : `exit code ${code}`;
        reject(
          new Error(`${cmd} ${args.join(' ')}${where} failed with ${why}\n${stdout}${stderr}`),
        );
      }
    });
  });
}

/**
 * @typedef {WorkspacePackage & { tarball: string }} PackedPackage
 */

/**
 * Packs every public package into `dest` with `pnpm pack` (built already: `pnpm build`).
 * @param {string} dest
 * @param {string} [dir] the workspace (default: this repository)
 * @returns {Promise<PackedPackage[]>}
 */
export async function packAll(dest, dir = root) {
  const [cmd, pre] = pnpmCommand();
  return Promise.all(
    publicPackages(dir).map(async (pkg) => {
      const { stdout } = await exec(cmd, [...pre, 'pack', '--json', '--pack-destination', dest], {
        cwd: pkg.dir,
      });
      return { ...pkg, tarball: JSON.parse(stdout).filename };
    }),
  );
}
