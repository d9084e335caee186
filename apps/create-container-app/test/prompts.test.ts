import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FLASK_FILES, NODE_FILES } from './project-files.js';
import { KEY, PtyCli, ptyUnavailableReason } from './pty.js';
import { assertBuilt, removeTempDirs, tempDir } from './run-cli.js';

// The interactive path: the built CLI on a real pseudo-terminal (util-linux `script`), its
// prompts answered by keystrokes once their text is on screen.

const unavailable = ptyUnavailableReason();
if (unavailable) console.warn(`Skipping the interactive (TTY) tests: ${unavailable}`);

beforeAll(assertBuilt);
afterAll(removeTempDirs);

/** Every CLI started in a test, killed afterwards if a failed assertion left it waiting. */
const running: PtyCli[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) cli.kill();
});

function start(args: readonly string[], cwd: string): PtyCli {
  const cli = new PtyCli(args, { cwd });
  running.push(cli);
  return cli;
}

const PROMPT = {
  directory: 'Project directory (its name becomes the package and image name):',
  template: 'Template (--template):',
  packageManager: 'Package manager (--package-manager):',
  notEmpty: /is not empty \(.*\)\. What now\? \(--overwrite\)/,
} as const;

/** Every entry under `dir` with its type, mode, size, mtime and content: "left as it was" means equal. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const path = join(dir, rel);
    const st = statSync(path);
    if (st.isDirectory()) {
      out[`${rel}/`] = `dir ${st.mode.toString(8)} ${st.mtimeMs}`;
      Object.assign(out, snapshot(dir, rel));
    } else {
      out[rel] =
        `file ${st.mode.toString(8)} ${st.size} ${st.mtimeMs} ${readFileSync(path, 'utf8')}`;
    }
  }
  return out;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe.skipIf(unavailable !== undefined)('interactive prompts on a TTY', () => {
  it('asks for the directory and template; enter takes the defaults and writes the flask project', async () => {
    const cwd = tempDir();
    const cli = start([], cwd);
    await cli.waitFor('create-container-app');
    await cli.waitFor(PROMPT.directory);
    // The default is shown as the placeholder.
    await cli.waitFor('container-app');
    cli.write(KEY.enter);
    await cli.waitFor(PROMPT.template);
    await cli.waitFor('Flask');
    await cli.waitFor('Node + TypeScript');
    cli.write(KEY.enter);
    // Flask asks for its package manager too; pip is the default.
    await cli.waitFor(PROMPT.packageManager);
    await cli.waitFor('poetry');
    cli.write(KEY.enter);
    await cli.waitFor('Wrote 8 files to container-app');
    await cli.waitFor('Done. Now run:');
    await cli.waitFor('cd container-app');
    await cli.waitFor('docker compose up --build');
    await cli.waitFor('then open http://localhost:8000');
    const exit = await cli.exit();
    expect(exit, cli.text).toEqual({ code: 0, signal: null });
    // Nothing asked for a port or a version: their defaults are the flags' defaults.
    expect(cli.text).not.toMatch(/--port|--python-version/);
    // Only the project: the staging directory was renamed into place.
    expect(readdirSync(cwd)).toEqual(['container-app']);
    const project = join(cwd, 'container-app');
    expect(readdirSync(project).sort()).toEqual(FLASK_FILES);
    expect(read(project, 'Dockerfile')).toContain('ARG PYTHON_VERSION=3.12');
    expect(read(project, 'compose.yaml')).toContain('8000:8000');
  }, 30_000);

  it('takes a typed directory, rejects an invalid name in place, and picks node and pnpm with the arrow keys', async () => {
    const cwd = tempDir();
    const cli = start(['--no-install'], cwd);
    await cli.waitFor(PROMPT.directory);
    cli.write('Bad');
    await cli.waitFor('Bad');
    cli.write(KEY.enter);
    await cli.waitFor('Invalid name:');
    cli.write('\x7f\x7f\x7fmy-api');
    await cli.waitFor('my-api');
    cli.write(KEY.enter);
    await cli.waitFor(PROMPT.template);
    cli.write(KEY.down);
    cli.write(KEY.enter);
    await cli.waitFor(PROMPT.packageManager);
    await cli.waitFor('yarn');
    cli.write(KEY.down);
    cli.write(KEY.enter);
    await cli.waitFor('Wrote 8 files to my-api');
    await cli.waitFor('pnpm install');
    const exit = await cli.exit();
    expect(exit, cli.text).toEqual({ code: 0, signal: null });
    expect(readdirSync(cwd)).toEqual(['my-api']);
    const project = join(cwd, 'my-api');
    // --no-install: no lockfile.
    expect(readdirSync(project).sort()).toEqual(NODE_FILES);
    const pkg = JSON.parse(read(project, 'package.json')) as {
      name: string;
      packageManager?: string;
    };
    expect(pkg.name).toBe('my-api');
    expect(pkg.packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+/);
  }, 30_000);

  it('a non-empty directory without --overwrite: choosing Cancel exits 2 and changes nothing', async () => {
    const cwd = tempDir();
    const target = join(cwd, 'existing');
    mkdirSync(join(target, 'src'), { recursive: true });
    writeFileSync(join(target, 'notes.txt'), 'keep me\n');
    writeFileSync(join(target, 'app.py'), 'print("mine")\n');
    writeFileSync(join(target, 'src', 'x.py'), '');
    const before = snapshot(cwd);

    const cli = start(['existing', '--template', 'flask', '--package-manager', 'pip'], cwd);
    await cli.waitFor(PROMPT.notEmpty);
    expect(cli.text).toContain('existing is not empty (it would replace app.py)');
    await cli.waitFor('Cancel');
    await cli.waitFor('Write the project files into it');
    // Cancel is the first option and the default.
    cli.write(KEY.enter);
    await cli.waitFor('Cancelled; nothing was written.');
    const exit = await cli.exit();
    expect(exit, cli.text).toEqual({ code: 2, signal: null });
    expect(snapshot(cwd)).toEqual(before);
  }, 30_000);

  it('a non-empty directory: choosing overwrite writes the files and keeps the others', async () => {
    const cwd = tempDir();
    const target = join(cwd, 'existing');
    mkdirSync(target);
    writeFileSync(join(target, 'notes.txt'), 'keep me\n');
    writeFileSync(join(target, 'app.py'), 'print("mine")\n');

    const cli = start(['existing', '--template', 'flask', '--package-manager', 'pip'], cwd);
    await cli.waitFor(PROMPT.notEmpty);
    await cli.waitFor('Write the project files into it');
    cli.write(KEY.down);
    cli.write(KEY.enter);
    await cli.waitFor('Wrote 8 files to existing (replaced app.py)');
    const exit = await cli.exit();
    expect(exit, cli.text).toEqual({ code: 0, signal: null });
    expect(readdirSync(cwd)).toEqual(['existing']);
    expect(readdirSync(target).sort()).toEqual([...FLASK_FILES, 'notes.txt'].sort());
    expect(read(target, 'notes.txt')).toBe('keep me\n');
    expect(read(target, 'app.py')).not.toBe('print("mine")\n');
  }, 30_000);

  // Ctrl-C in a clack prompt is a cancel (raw mode: the tty sends no SIGINT); the CLI exits
  // 130 as for an interrupt, as --help documents.
  it.each([
    { at: 'the first prompt (directory)', args: [], prompt: PROMPT.directory },
    { at: 'the template prompt', args: ['new-app'], prompt: PROMPT.template },
    {
      at: 'the package-manager prompt (the last one; parent directory missing)',
      args: ['nested/new-app', '--template', 'node'],
      prompt: PROMPT.packageManager,
    },
  ])(
    'Ctrl-C at $at: non-zero exit and nothing created',
    async ({ args, prompt }) => {
      const cwd = tempDir();
      const cli = start(args, cwd);
      await cli.waitFor(prompt);
      cli.write(KEY.ctrlC);
      await cli.waitFor('Cancelled; nothing was written.');
      const exit = await cli.exit();
      expect(exit.signal, cli.text).toBeNull();
      expect(exit.code, cli.text).toBe(130);
      expect(cli.text).not.toContain('Wrote ');
      // No target, no `.<name>.create-container-app-*` staging directory, no created parent.
      expect(readdirSync(cwd)).toEqual([]);
    },
    30_000,
  );

  it('--existing asks for what it cannot detect (--app), then writes the container files', async () => {
    const cwd = tempDir();
    const dir = join(cwd, 'two-apps');
    mkdirSync(dir);
    writeFileSync(join(dir, 'requirements.txt'), 'flask\n');
    writeFileSync(join(dir, 'a.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    writeFileSync(join(dir, 'b.py'), 'from flask import Flask\nweb = Flask(__name__)\n');
    const cli = start(['--existing', 'two-apps'], cwd);
    await cli.waitFor(
      'The WSGI application to serve (module:variable or module:factory()) (--app):',
    );
    cli.write('b');
    cli.write(KEY.enter);
    // Checked before it is taken: a module without its variable is refused in place.
    await cli.waitFor('Expected module:variable');
    cli.write(':web');
    cli.write(KEY.enter);
    await cli.waitFor(
      'Wrote .dockerignore, Dockerfile, README.Docker.md, compose.watch.yaml, compose.yaml to two-apps',
    );
    const exit = await cli.exit();
    expect(exit, cli.text).toEqual({ code: 0, signal: null });
    expect(read(dir, 'Dockerfile')).toMatch(/"b:web"\]$/m);
    expect(read(dir, 'a.py')).toBe('from flask import Flask\napp = Flask(__name__)\n');
  }, 30_000);

  it('every answer given as a flag: no prompt at all, even on a TTY', async () => {
    const cwd = tempDir();
    const cli = start(
      [
        'app',
        '--template',
        'flask',
        '--package-manager',
        'pip',
        '--port',
        '8000',
        '--python-version',
        '3.12',
        '--no-install',
      ],
      cwd,
    );
    // No keystroke is ever sent: a prompt would wait for one until exit() times out.
    const exit = await cli.exit(15_000);
    expect(exit, cli.text).toEqual({ code: 0, signal: null });
    const text = cli.text;
    // The TTY path was taken (clack's intro and outro), yet nothing was asked.
    expect(text).toContain('create-container-app');
    expect(text).toContain('Wrote 8 files to app');
    expect(text).toContain('Done. Now run:');
    for (const message of [PROMPT.directory, PROMPT.template, PROMPT.packageManager]) {
      expect(text).not.toContain(message);
    }
    expect(text).not.toMatch(PROMPT.notEmpty);
    expect(readdirSync(cwd)).toEqual(['app']);
    expect(readdirSync(join(cwd, 'app')).sort()).toEqual(FLASK_FILES);
  }, 30_000);
});
