// The CLI attacked as a hostile local user would, and with faults: bytes that are not UTF-8,
// hard links, other owners, read-only files, full disks, concurrent runs, signals,
// pathological globs, huge inputs, terminal escapes. Each case says what must hold.
//
// - Always run (unprivileged, seconds): the cases below without a marker.
// - As root (CI runs as root), fast, no change to the system: the CLI runs as another uid
//   through `setpriv`, where owners and permissions matter. Skipped, saying so, otherwise.
// - DOCKWRIGHT_ATTACK_TESTS=1 (and root for the tmpfs): the slow and heavy ones: a full
//   tmpfs, sixty SIGKILLs, a 2 GB JSON tree, many concurrent runs. See the README, Development.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFixes, format } from '@dockwright/lint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const app = join(import.meta.dirname, '..');
const bin = join(app, 'dist/index.js');
const isRoot = process.getuid?.() === 0;
const heavy = process.env.DOCKWRIGHT_ATTACK_TESTS === '1';
// Another user and two groups for the setpriv cases; nothing is added to /etc/passwd.
const USER = 64_123;
const OTHER = 64_124;
const GROUP = 64_125;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs the built CLI; `as` runs it as another uid (root only), `input` feeds stdin. */
function start(
  args: string[],
  opts: { cwd: string; input?: Buffer | string; as?: { uid: number; groups: number[] } },
): { child: ChildProcess; done: Promise<Run> } {
  const command = opts.as
    ? [
        'setpriv',
        `--reuid=${opts.as.uid}`,
        `--regid=${opts.as.groups[0]}`,
        `--groups=${opts.as.groups.join(',')}`,
        process.execPath,
        bin,
      ]
    : [process.execPath, bin];
  const child = spawn(command[0]!, [...command.slice(1), ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const out: Buffer[] = [];
  let err = '';
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
  });
  child.stdin!.on('error', () => {});
  child.stdin!.end(opts.input ?? '');
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }),
    ),
  );
  return { child, done };
}

const run = (args: string[], opts: Parameters<typeof start>[1]) => start(args, opts).done;

function project(files: Record<string, string | Buffer>, mode = 0o755): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockwright-attack-'));
  chmodSync(dir, mode);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const MESSY = 'from  alpine:3.20\nrun   echo hi   \n\n\n\ncmd ["a","b"]';
const TIDY = 'FROM alpine:3.20\nRUN echo hi\n\nCMD ["a", "b"]\n';
// Raw control characters on a terminal: anything but tab and newline.
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x9b]|\u202e/;

beforeAll(() => {
  execFileSync(process.execPath, [join(app, 'build.mjs')]);
});

describe('bytes that are not UTF-8', () => {
  // Latin-1 `é` (0xE9) inside a RUN and an ENV, a lone continuation byte, an overlong `/`.
  const latin1 = Buffer.concat([
    Buffer.from('from alpine:3.20\nrun   echo caf'),
    Buffer.from([0xe9]),
    Buffer.from('   \nenv A '),
    Buffer.from([0x80, 0xc0, 0xaf]),
    Buffer.from('\n'),
  ]);
  const formatted = Buffer.concat([
    Buffer.from('FROM alpine:3.20\nRUN echo caf'),
    Buffer.from([0xe9]),
    Buffer.from('\nENV A '),
    Buffer.from([0x80, 0xc0, 0xaf]),
    Buffer.from('\n'),
  ]);

  it('fmt --write changes only what it formats, every other byte kept', async () => {
    const dir = project({ Dockerfile: latin1 });
    const r = await run(['fmt', '--write', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'))).toEqual(formatted);
  });

  it('fmt to stdout and lint --fix on stdin give the bytes back', async () => {
    const dir = project({});
    expect((await run(['fmt', '-'], { cwd: dir, input: latin1 })).stdout).toEqual(formatted);
    const fixed = await run(['lint', '--fix', '-'], { cwd: dir, input: formatted });
    expect(fixed.stdout).toEqual(
      Buffer.from(formatted.toString('latin1').replace('ENV A ', 'ENV A='), 'latin1'),
    );
  });

  it('lint --fix writes the fix and keeps every other byte', async () => {
    const dir = project({ Dockerfile: formatted });
    await run(['lint', '--fix', 'Dockerfile'], { cwd: dir });
    const bytes = readFileSync(join(dir, 'Dockerfile'));
    expect(bytes.subarray(0, 30)).toEqual(formatted.subarray(0, 30));
    expect(bytes.includes(Buffer.from([0x80, 0xc0, 0xaf]))).toBe(true);
    expect(bytes.includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(false);
    expect(bytes.toString('latin1')).toContain('ENV A=');
  });

  it('the text report shows such a byte as \\xe9', async () => {
    const dir = project({ Dockerfile: Buffer.from('FROM a\nENV K caf\xe9\n', 'latin1') });
    const r = await run(['lint', 'Dockerfile'], { cwd: dir });
    expect(r.stdout.toString()).toContain('    2 | ENV K caf\\xe9\n');
  });

  it('a UTF-16 file does not parse and is left untouched', async () => {
    const utf16 = Buffer.from(`\ufeff${MESSY}`, 'utf16le');
    const dir = project({ Dockerfile: utf16 });
    const r = await run(['fmt', '--write', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Dockerfile:1:1: /);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(readFileSync(join(dir, 'Dockerfile'))).toEqual(utf16);
  });
});

describe('links, modes and failures part-way', () => {
  it('fmt --write and lint --fix keep hard links', async () => {
    const dir = project({ Dockerfile: 'from  alpine:3.20\nenv a b\n' });
    linkSync(join(dir, 'Dockerfile'), join(dir, 'Dockerfile.link'));
    const { ino } = statSync(join(dir, 'Dockerfile'));
    expect((await run(['fmt', '--write', 'Dockerfile'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile.link'), 'utf8')).toBe('FROM alpine:3.20\nENV a b\n');
    await run(['lint', '--fix', 'Dockerfile'], { cwd: dir });
    expect(readFileSync(join(dir, 'Dockerfile.link'), 'utf8')).toBe('FROM alpine:3.20\nENV a=b\n');
    expect(statSync(join(dir, 'Dockerfile')).ino).toBe(ino);
    expect(statSync(join(dir, 'Dockerfile')).nlink).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'Dockerfile.link']);
  });

  it('every file is attempted, and the exit code reports the worst', async () => {
    const dir = project({
      'a/Dockerfile': MESSY,
      'c/Dockerfile': 'FROM a\nRUNN x\n',
      'd/Dockerfile': MESSY,
    });
    mkdirSync(join(dir, 'b/Dockerfile'), { recursive: true });
    writeFileSync(join(dir, 'big.Dockerfile'), '');
    truncateSync(join(dir, 'big.Dockerfile'), 5 * 1024 * 1024);
    const r = await run(
      [
        'fmt',
        '--write',
        'a/Dockerfile',
        'b/Dockerfile',
        'missing',
        'big.Dockerfile',
        'c/Dockerfile',
        'd/Dockerfile',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('b/Dockerfile: cannot read: is a directory');
    expect(r.stderr).toContain('missing: cannot read: no such file');
    expect(r.stderr).toContain('big.Dockerfile: not read: larger than 4 MiB');
    expect(r.stderr).toContain('c/Dockerfile:2:1: unknown instruction: RUNN');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'a/Dockerfile'), 'utf8')).toBe(TIDY);
    expect(readFileSync(join(dir, 'd/Dockerfile'), 'utf8')).toBe(TIDY);
  });
});

describe.skipIf(!isRoot)(
  'owners and permissions (as root, the CLI as uid 64123 via setpriv)',
  () => {
    it('root keeps the owner, group and mode of another user’s file', async () => {
      const dir = project({ Dockerfile: MESSY });
      chownSync(join(dir, 'Dockerfile'), USER, GROUP);
      chmodSync(join(dir, 'Dockerfile'), 0o640);
      expect((await run(['fmt', '--write', 'Dockerfile'], { cwd: dir })).code).toBe(0);
      const st = statSync(join(dir, 'Dockerfile'));
      expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([USER, GROUP, 0o640]);
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(TIDY);
    });

    it('a user writing a group-writable file of another user keeps its owner (in place)', async () => {
      const dir = project({ Dockerfile: MESSY });
      chownSync(dir, USER, GROUP);
      chownSync(join(dir, 'Dockerfile'), OTHER, GROUP);
      chmodSync(join(dir, 'Dockerfile'), 0o664);
      const { ino } = statSync(join(dir, 'Dockerfile'));
      const r = await run(['fmt', '--write', 'Dockerfile'], {
        cwd: dir,
        as: { uid: USER, groups: [USER, GROUP] },
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const st = statSync(join(dir, 'Dockerfile'));
      expect([st.uid, st.gid, st.mode & 0o7777, st.ino]).toEqual([OTHER, GROUP, 0o664, ino]);
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(TIDY);
      expect(readdirSync(dir)).toEqual(['Dockerfile']);
    });

    it('a read-only file stays untouched, and the other files are still written', async () => {
      const dir = project({ 'a/Dockerfile': MESSY, 'b/Dockerfile': MESSY });
      execFileSync('chown', ['-R', `${USER}:${USER}`, dir]);
      chmodSync(join(dir, 'a/Dockerfile'), 0o444);
      const r = await run(['fmt', '--write', 'a/Dockerfile', 'b/Dockerfile'], {
        cwd: dir,
        as: { uid: USER, groups: [USER] },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('a/Dockerfile: not written: permission denied\n');
      expect(readFileSync(join(dir, 'a/Dockerfile'), 'utf8')).toBe(MESSY);
      expect(readFileSync(join(dir, 'b/Dockerfile'), 'utf8')).toBe(TIDY);
    });

    it('a writable file in a directory the user cannot write is refused, not half-written', async () => {
      const text = 'FROM alpine:3.20 AS Build\nENV a b\n';
      const dir = project({ 'ro/Dockerfile': text });
      execFileSync('chown', ['-R', `${USER}:${USER}`, dir]);
      chmodSync(join(dir, 'ro'), 0o555);
      const r = await run(['lint', '--fix', 'ro/Dockerfile'], {
        cwd: dir,
        as: { uid: USER, groups: [USER] },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('ro/Dockerfile: not written: permission denied\n');
      // Still reported, as the file is: the findings --fix would have fixed included.
      expect(r.stdout.toString()).toContain('ro/Dockerfile:1:1: warning StageNameCasing');
      expect(readFileSync(join(dir, 'ro/Dockerfile'), 'utf8')).toBe(text);
      expect(readdirSync(join(dir, 'ro'))).toEqual(['Dockerfile']);
    });
  },
);

describe('concurrent runs and signals', () => {
  it('eight fmt --write at once on the same files agree and leave nothing behind', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`d${i}/Dockerfile`, MESSY]),
    );
    const dir = project(files);
    const runs = await Promise.all(
      Array.from({ length: 8 }, () => run(['fmt', '--write', '**/Dockerfile'], { cwd: dir })),
    );
    for (const r of runs) expect([r.code, r.stderr]).toEqual([0, '']);
    for (const name of Object.keys(files)) {
      expect(readFileSync(join(dir, name), 'utf8')).toBe(TIDY);
      expect(readdirSync(join(dir, name, '..'))).toEqual(['Dockerfile']);
    }
  }, 60_000);

  it('a reader never sees half a file while fmt --write replaces it', async () => {
    const dir = project({ Dockerfile: MESSY });
    const reader = spawn(process.execPath, [
      '-e',
      `const fs = require('fs'); const seen = new Set(); const end = Date.now() + 4000;
       while (Date.now() < end) { try { seen.add(fs.readFileSync(process.argv[1], 'utf8')); } catch {} }
       process.stdout.write(JSON.stringify([...seen]));`,
      join(dir, 'Dockerfile'),
    ]);
    let seen = '';
    reader.stdout.on('data', (b: Buffer) => {
      seen += b.toString();
    });
    const closed = new Promise((resolve) => reader.on('close', resolve));
    for (let i = 0; i < 6; i++) {
      expect((await run(['fmt', '--write', 'Dockerfile'], { cwd: dir })).code).toBe(0);
      // Put the messy text back the atomic way, for the next round.
      writeFileSync(join(dir, 'Dockerfile.next'), MESSY);
      renameSync(join(dir, 'Dockerfile.next'), join(dir, 'Dockerfile'));
    }
    await closed;
    for (const text of JSON.parse(seen) as string[]) expect([MESSY, TIDY]).toContain(text);
  }, 60_000);

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s stops fmt --write between files: each file old or new, no temporary file',
    async (signal) => {
      const text = `${MESSY}\n`.repeat(40);
      const files = Object.fromEntries(
        Array.from({ length: 150 }, (_, i) => [`d${i}/Dockerfile`, text]),
      );
      const tidy = format(text);
      expect(tidy).not.toBe(text);
      for (const delay of [250, 450, 650]) {
        const dir = project(files);
        const { child, done } = start(['fmt', '--write', '**/Dockerfile'], { cwd: dir });
        setTimeout(() => child.kill(signal), delay);
        const r = await done;
        expect(r.signal === signal || r.code === 0).toBe(true);
        for (const name of Object.keys(files)) {
          expect([text, tidy]).toContain(readFileSync(join(dir, name), 'utf8'));
          expect(readdirSync(join(dir, name, '..'))).toEqual(['Dockerfile']);
        }
      }
    },
  );
});

describe('pathological globs, huge inputs, terminal escapes', () => {
  const deep = `${'a/'.repeat(30)}Dockerfile`;
  const twelve = `${'**/'.repeat(12)}`;

  it('twelve **/ on the command line and in the config finish', async () => {
    const dir = project({ [deep]: TIDY });
    const r = await run(['fmt', '--check', `${twelve}Dockerfile`], { cwd: dir });
    expect([r.code, r.stdout.toString(), r.stderr]).toEqual([0, '', '']);
    writeFileSync(
      join(dir, 'dockwright.config.json'),
      JSON.stringify({ ignore: { files: [`${twelve}x`] } }),
    );
    expect((await run(['fmt', '--check', `${twelve}Dockerfile`], { cwd: dir })).code).toBe(0);
  });

  it.each([
    ['lint /dev/zero', ['lint', '/dev/zero'], '/dev/zero: not read: larger than 4 MiB'],
    ['fmt of 5 MiB on stdin', ['fmt', '-'], '<stdin>: not read: larger than 4 MiB'],
  ])('%s is refused with a clear error', async (_, args, message) => {
    const input = args.includes('-') ? Buffer.alloc(5 * 1024 * 1024, 0x61) : undefined;
    const r = await run(args, { cwd: project({}), ...(input ? { input } : {}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${message}, the limit for a Dockerfile\n`);
  });

  it('a .dockerignore or config linked to /dev/zero is refused, naming it', async () => {
    const dir = project({ Dockerfile: TIDY });
    symlinkSync('/dev/zero', join(dir, '.dockerignore'));
    const r = await run(['lint', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.dockerignore: not read: larger than 4 MiB');
    rmSync(join(dir, '.dockerignore'));
    symlinkSync('/dev/zero', join(dir, 'dockwright.config.json'));
    expect((await run(['lint', 'Dockerfile'], { cwd: dir })).stderr).toBe(
      'dockwright.config.json: not read: larger than 4 MiB, the limit for a Dockerfile\n',
    );
  });

  it('a 3 MB line is cut in the report', async () => {
    const dir = project({ Dockerfile: `FROM alpine:3.20\nENV K ${'v'.repeat(3_000_000)}\n` });
    const r = await run(['lint', 'Dockerfile'], { cwd: dir });
    expect(r.stdout.length).toBeLessThan(4000);
    expect(r.stdout.toString()).toMatch(/ {4}2 \| ENV K v{154}…\n/);
  });

  it('parse --json streams a tree whose JSON is larger than one string can be', async () => {
    // A bad line (2 bytes) is a node and a diagnostic: ~520 bytes of JSON.
    const dir = project({ Dockerfile: `FROM a\n${'X\n'.repeat(heavy ? 1_100_000 : 20_000)}` });
    const child = spawn(process.execPath, [bin, 'parse', '--json', 'Dockerfile'], { cwd: dir });
    let size = 0;
    let tail = '';
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      tail = (tail + b.toString('latin1')).slice(-16);
    });
    child.stderr.resume();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(tail.endsWith('\n}\n')).toBe(true);
    // V8's longest string is 2^29 - 24 characters.
    if (heavy) expect(size).toBeGreaterThan(2 ** 29);
  }, 900_000);

  it('control characters and bidi overrides from files and names reach the terminal escaped', async () => {
    const evil =
      'FROM alpine:3.20 AS B\x1b]0;pwned\x07\nRUN echo \x1b[2J\r\u202eok\nRUNN \x1b[31m\n';
    const dir = project({ 'x\x1b[31m/Dockerfile': evil });
    for (const args of [
      ['lint', '**/Dockerfile'],
      ['fmt', '--check', '**/Dockerfile'],
      ['parse', 'x\x1b[31m/Dockerfile'],
      ['lint', 'nothing\x1b[2J*'],
    ]) {
      const r = await run(args, { cwd: dir });
      expect(r.stdout.toString()).not.toMatch(RAW_CONTROL);
      expect(r.stderr).not.toMatch(RAW_CONTROL);
      expect(r.stdout.toString() + r.stderr).toContain('\\x1b');
    }
  });
});

describe.skipIf(!heavy || !isRoot)(
  'a full disk (DOCKWRIGHT_ATTACK_TESTS=1, root: a 1 MiB tmpfs)',
  () => {
    const mnt = mkdtempSync(join(tmpdir(), 'dockwright-tmpfs-'));
    beforeAll(() => {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]);
    });
    afterAll(() => {
      spawnSync('umount', [mnt]);
      rmSync(mnt, { recursive: true, force: true });
    });

    it('fmt --write and lint --fix leave the file whole, say so, and go on with the others', async () => {
      const big = `from alpine:3.20 AS Build\n${'env a b\n'.repeat(20_000)}`;
      writeFileSync(join(mnt, 'Dockerfile'), big);
      linkSync(join(mnt, 'Dockerfile'), join(mnt, 'Dockerfile.link'));
      // Fill what is left.
      spawnSync('dd', ['if=/dev/zero', `of=${join(mnt, 'fill')}`, 'bs=4k']);
      const other = project({ Dockerfile: MESSY });
      for (const command of [
        ['fmt', '--write'],
        ['lint', '--fix'],
      ]) {
        const r = await run([...command, join(mnt, 'Dockerfile'), join(other, 'Dockerfile')], {
          cwd: other,
        });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(
          `${join(mnt, 'Dockerfile')}: not written: no space left on the device\n`,
        );
        expect(readFileSync(join(mnt, 'Dockerfile'), 'utf8')).toBe(big);
        expect(readdirSync(mnt).sort()).toEqual(['Dockerfile', 'Dockerfile.link', 'fill']);
      }
      expect(readFileSync(join(other, 'Dockerfile'), 'utf8')).not.toBe(MESSY);
    }, 120_000);
  },
);

describe.skipIf(!heavy)('many kills and runs (DOCKWRIGHT_ATTACK_TESTS=1)', () => {
  it('sixty SIGKILLs: every file is old or new, whole', async () => {
    const text = `${MESSY}\n`.repeat(40);
    const tidy = format(text);
    let leftovers = 0;
    for (let i = 0; i < 60; i++) {
      const files = Object.fromEntries(
        Array.from({ length: 60 }, (_, k) => [`d${k}/Dockerfile`, text]),
      );
      const dir = project(files);
      const { child, done } = start(['fmt', '--write', '**/Dockerfile'], { cwd: dir });
      setTimeout(() => child.kill('SIGKILL'), 150 + Math.floor(Math.random() * 600));
      await done;
      for (const name of Object.keys(files)) {
        expect([text, tidy]).toContain(readFileSync(join(dir, name), 'utf8'));
        leftovers += readdirSync(join(dir, name, '..')).length - 1;
      }
    }
    // Only SIGKILL can leave a hidden temporary file beside a target; never a broken target.
    console.log(`sixty SIGKILLs left ${leftovers} temporary file(s)`);
  }, 600_000);

  it('fmt --write and lint --fix racing on one file never leave it broken', async () => {
    const dir = project({ Dockerfile: MESSY });
    const original = 'from a as B\nenv k v\nrun   x\n';
    const fix = (t: string): string => applyFixes(t).output;
    const outcomes = new Set([
      format(original),
      fix(original),
      format(fix(original)),
      fix(format(original)),
    ]);
    for (let round = 0; round < 20; round++) {
      writeFileSync(join(dir, 'Dockerfile'), original);
      const runs = await Promise.all([
        run(['fmt', '--write', 'Dockerfile'], { cwd: dir }),
        run(['lint', '--fix', 'Dockerfile'], { cwd: dir }),
        run(['fmt', '--write', 'Dockerfile'], { cwd: dir }),
      ]);
      for (const r of runs) {
        if (r.code === 2) expect(r.stderr).toMatch(/it changed since it was read/);
      }
      expect(outcomes).toContain(readFileSync(join(dir, 'Dockerfile'), 'utf8'));
      expect(readdirSync(dir)).toEqual(['Dockerfile']);
    }
  }, 300_000);
});
