/**
 * Attacks and faults on the scaffolder's writes, each with what must hold: the target is
 * checked again at the moment of writing, a write that fails part-way is undone, staging works
 * on any file system and needs no write in the parent, and a lockfile the package manager did
 * not finish is never shipped.
 *
 * The unprivileged cases run everywhere in seconds (CI included). The ones that need root
 * (mounting a tmpfs, an immutable file) run only with CCA_PRIVILEGED_TESTS=1 as root, and say
 * so when skipped.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLASK_FILES, NODE_FILES } from './project-files.js';
import { assertBuilt, BIN, cliEnv, removeTempDirs, runCli, tempDir } from './run-cli.js';

beforeAll(assertBuilt);
afterAll(removeTempDirs);

const root = process.getuid?.() === 0;
const privileged = root && process.env.CCA_PRIVILEGED_TESTS === '1';
if (!privileged) {
  console.warn(
    `Skipping the privileged write tests (a tmpfs, an immutable file): they need root and CCA_PRIVILEGED_TESTS=1${root ? '' : ' (not root)'}.`,
  );
}

/** A package-lock.json that names express: what a finished `npm install` writes, in short. */
const COMPLETE_NPM_LOCK =
  '{"lockfileVersion":3,"packages":{"":{"dependencies":{"express":"^5.1.0"}},"node_modules/express":{"version":"5.1.0"}}}';

/** A directory with a fake `npm` running `body` (with $TARGET set), first on PATH. */
function fakeNpm(body: string): string {
  const dir = tempDir('cca-bin-');
  writeFileSync(join(dir, 'npm'), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, 'npm'), 0o755);
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const noStaging = (dir: string) =>
  readdirSync(dir).filter((e) => e.includes('create-container-app-'));

function node(target: string, cwd: string, npm: string, extra: readonly string[] = []) {
  return runCli([target, '--template', 'node', '--package-manager', 'npm', ...extra], {
    cwd,
    env: { PATH: `${npm}:${process.env.PATH}`, TARGET: join(cwd, target) },
  });
}

describe('the target is checked again at the moment of writing', () => {
  it('a file written into the empty target during a slow install stops the write; it is kept as it is', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'web'));
    const npm = fakeNpm(
      `printf 'my notes\\n' > "$TARGET/README.md"; echo '${COMPLETE_NPM_LOCK}' > package-lock.json`,
    );
    const res = node('web', cwd, npm);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      'web is no longer empty: README.md appeared while the project was being prepared',
    );
    expect(res.stderr).toContain('Nothing was written');
    expect(readdirSync(join(cwd, 'web'))).toEqual(['README.md']);
    expect(read(join(cwd, 'web'), 'README.md')).toBe('my notes\n');
  });

  it('a target created (not empty) meanwhile is left alone, the staging directory removed', () => {
    const cwd = tempDir();
    const npm = fakeNpm(
      `mkdir "$TARGET"; printf 'x\\n' > "$TARGET/notes.txt"; echo '${COMPLETE_NPM_LOCK}' > package-lock.json`,
    );
    const res = node('web', cwd, npm);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('web appeared while the project was being prepared');
    expect(readdirSync(join(cwd, 'web'))).toEqual(['notes.txt']);
    expect(noStaging(cwd)).toEqual([]);
  });

  it('a target moved away and replaced by a link elsewhere during the install: nothing is written through the link', () => {
    const cwd = tempDir();
    const outside = tempDir('cca-outside-');
    mkdirSync(join(cwd, 'web'));
    // The package manager runs in scratch space inside the staging directory; the attacker
    // moves the target away, links its name to a directory of theirs and mirrors the staging
    // directory there, so that every path the CLI uses still resolves.
    const npm = fakeNpm(
      [
        `echo '${COMPLETE_NPM_LOCK}' > package-lock.json`,
        'holder=$(basename "$(dirname "$PWD")")',
        `mv "$TARGET" "$TARGET.moved"; ln -s '${outside}' "$TARGET"`,
        `cp -a "$TARGET.moved/$holder" '${outside}/'`,
      ].join('\n'),
    );
    const res = node('web', cwd, npm);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('web was moved or replaced while the project was being prepared');
    expect(res.stderr).toContain('Nothing was written');
    expect(readdirSync(outside)).toEqual([]);
    expect(lstatSync(join(cwd, 'web')).isSymbolicLink()).toBe(true);
    // The moved directory got none of the project's files either (its staging directory, 0700,
    // is what the run could not find again).
    expect(readdirSync(join(cwd, 'web.moved')).filter((e) => !e.startsWith('.create-'))).toEqual(
      [],
    );
  });

  it('with --overwrite, a file added meanwhile is kept and the project written beside it', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'web'));
    const npm = fakeNpm(
      `printf 'x\\n' > "$TARGET/notes.txt"; echo '${COMPLETE_NPM_LOCK}' > package-lock.json`,
    );
    const res = node('web', cwd, npm, ['--overwrite']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(readdirSync(join(cwd, 'web')).sort()).toEqual(
      [...NODE_FILES, 'notes.txt', 'package-lock.json'].sort(),
    );
    expect(noStaging(join(cwd, 'web'))).toEqual([]);
  });
});

describe('a write that fails part-way is undone', () => {
  it('a directory where a file must go: the files written are removed, the ones replaced are back', () => {
    const cwd = tempDir();
    const dir = join(cwd, 'app');
    mkdirSync(join(dir, 'app.py'), { recursive: true });
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    // Files are placed in order: .dockerignore, .gitignore, Dockerfile, README.md, then app.py
    // fails, after four were written (one of them replacing Dockerfile).
    const res = runCli(['app', '--template', 'flask', '--overwrite', '--no-interactive'], { cwd });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Cannot write app.py: it is a directory in app.');
    expect(res.stderr).toContain('Nothing was changed');
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'app.py', 'notes.txt']);
    expect(read(dir, 'Dockerfile')).toBe('FROM scratch\n');
    expect(read(dir, 'notes.txt')).toBe('mine\n');
    expect(readdirSync(join(dir, 'app.py'))).toEqual([]);
  });

  it('a symbolic link inside the target is never written through', () => {
    const cwd = tempDir();
    const outside = tempDir('cca-outside-');
    const dir = join(cwd, 'tsapp');
    mkdirSync(dir);
    symlinkSync(outside, join(dir, 'src'));
    const res = runCli(['tsapp', '--template', 'node-ts', '--overwrite', '--no-install'], { cwd });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${join(dir, 'src')} is a symbolic link`);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['src']);
  });

  it.skipIf(!privileged)(
    'an immutable file (EPERM even for root) halfway: everything undone (CCA_PRIVILEGED_TESTS=1, root)',
    () => {
      const cwd = tempDir();
      const dir = join(cwd, 'app');
      mkdirSync(dir);
      writeFileSync(join(dir, 'README.md'), 'old\n');
      writeFileSync(join(dir, 'app.py'), 'print(1)\n');
      const chattr = (flag: string) => spawnSync('chattr', [flag, join(dir, 'app.py')]);
      if (chattr('+i').status !== 0)
        throw new Error('chattr +i failed: the file system must support it');
      try {
        const res = runCli(['app', '--template', 'flask', '--overwrite', '--no-interactive'], {
          cwd,
        });
        expect(res.code).toBe(2);
        expect(res.stderr).toContain('Could not write app.py');
        expect(res.stderr).toContain('Nothing was changed');
        expect(readdirSync(dir).sort()).toEqual(['README.md', 'app.py']);
        expect(read(dir, 'README.md')).toBe('old\n');
      } finally {
        chattr('-i');
      }
    },
  );
});

describe('staging works on any file system, with no write in the parent', () => {
  const shmDevice = existsSync('/dev/shm') ? statSync('/dev/shm').dev : undefined;
  const otherFs = shmDevice !== undefined && shmDevice !== statSync(tempDir()).dev;

  it.skipIf(!otherFs)(
    'a target that is a symbolic link to another file system (the devcontainer case)',
    () => {
      const cwd = tempDir();
      const real = join('/dev/shm', `cca-target-${process.pid}-${Date.now()}`);
      mkdirSync(real);
      try {
        symlinkSync(real, join(cwd, 'app'));
        const res = runCli(['app', '--template', 'flask', '--no-interactive'], { cwd });
        expect(res.stderr).toBe('');
        expect(res.code).toBe(0);
        expect(readdirSync(real).sort()).toEqual(FLASK_FILES);
        expect(readdirSync(cwd)).toEqual(['app']);
        expect(lstatSync(join(cwd, 'app')).isSymbolicLink()).toBe(true);
      } finally {
        rmSync(real, { recursive: true, force: true });
      }
    },
  );

  it('an empty writable target in a read-only parent', () => {
    const cwd = tempDir();
    chmodSync(cwd, 0o755);
    const parent = join(cwd, 'parent');
    const target = join(parent, 'app');
    mkdirSync(target, { recursive: true });
    // Root ignores permissions: the CLI runs as nobody, who owns the target only.
    if (root) chownSync(target, 65534, 65534);
    chmodSync(parent, 0o555);
    try {
      const res = spawnSync(
        process.execPath,
        [BIN, 'app', '--template', 'flask', '--no-interactive'],
        {
          cwd: parent,
          encoding: 'utf8',
          env: cliEnv({ HOME: target }),
          ...(root ? { uid: 65534, gid: 65534 } : {}),
        },
      );
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      expect(readdirSync(target).sort()).toEqual(FLASK_FILES);
      expect(readdirSync(parent)).toEqual(['app']);
    } finally {
      chmodSync(parent, 0o755);
    }
  });

  it.skipIf(!privileged)(
    'a target that is a mount point (a tmpfs; CCA_PRIVILEGED_TESTS=1, root)',
    () => {
      const cwd = tempDir();
      const target = join(cwd, 'app');
      mkdirSync(target);
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', target]).status).toBe(0);
      try {
        const res = runCli(['app', '--template', 'flask', '--no-interactive'], { cwd });
        expect(res.stderr).toBe('');
        expect(res.code).toBe(0);
        expect(readdirSync(target).sort()).toEqual(FLASK_FILES);
      } finally {
        spawnSync('umount', [target]);
      }
    },
  );
});

describe('a lockfile the package manager did not finish is removed, never shipped', () => {
  it('exit 0 after writing half a lockfile: removed, the project written without it, exit 1', () => {
    const cwd = tempDir();
    const half = COMPLETE_NPM_LOCK.slice(0, 40);
    const npm = fakeNpm(`printf '%s' '${half}' > package-lock.json`);
    const res = node('web', cwd, npm);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('package-lock.json is incomplete');
    expect(res.stderr).toContain('it was removed');
    expect(readdirSync(join(cwd, 'web')).sort()).toEqual(NODE_FILES);
  });

  it('a package manager killed while writing: its lockfile removed, exit 1', () => {
    const cwd = tempDir();
    const npm = fakeNpm(`printf '{"lockfileVersion":3,' > package-lock.json; kill -KILL $$`);
    const res = node('web', cwd, npm);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('killed by SIGKILL');
    expect(existsSync(join(cwd, 'web', 'package-lock.json'))).toBe(false);
    expect(readdirSync(join(cwd, 'web')).sort()).toEqual(NODE_FILES);
  });

  it('a lockfile that lacks a dependency of package.json is not kept', () => {
    const cwd = tempDir();
    const npm = fakeNpm(`echo '{"lockfileVersion":3,"packages":{"":{}}}' > package-lock.json`);
    const res = node('web', cwd, npm);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('it lacks express');
    expect(existsSync(join(cwd, 'web', 'package-lock.json'))).toBe(false);
  });

  it.skipIf(!privileged)(
    'a full disk (a small tmpfs) with the real npm: no cut-off lockfile (CCA_PRIVILEGED_TESTS=1, root)',
    () => {
      const cwd = tempDir();
      const disk = join(cwd, 'disk');
      mkdirSync(disk);
      // tmpfs counts 4 kB pages: too small for the project and the ~30 kB lockfile npm writes
      // while the project is staged inside the target. Whichever write hits the full disk
      // first (npm's lockfile, or a container file after it), no cut-off lockfile is shipped:
      // either the project is written without the lockfile (exit 1, saying how to create it)
      // or nothing is written at all (exit 2).
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=32k', 'tmpfs', disk]).status).toBe(0);
      try {
        const res = runCli(['web', '--template', 'node', '--package-manager', 'npm'], {
          cwd: disk,
          timeoutMs: 120_000,
        });
        expect(res.stderr).not.toContain('Unexpected error');
        expect(res.stderr).not.toMatch(/\n\s+at /);
        expect(res.stderr).toMatch(/ENOSPC|incomplete/);
        expect(res.stderr).toMatch(/Could not create package-lock\.json|Nothing was written/);
        expect(existsSync(join(disk, 'web', 'package-lock.json'))).toBe(false);
        if (res.code === 1) {
          expect(readdirSync(join(disk, 'web')).sort()).toEqual(NODE_FILES);
        } else {
          expect(res.code).toBe(2);
          expect(res.stderr).toContain('Nothing was written');
          expect(existsSync(join(disk, 'web'))).toBe(false);
        }
        expect(readdirSync(disk).filter((e) => e.includes('create-container-app'))).toEqual([]);
      } finally {
        spawnSync('umount', [disk]);
      }
    },
  );
});
