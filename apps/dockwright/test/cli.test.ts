import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump, parse } from '@dockwright/ast';
import { format } from '@dockwright/lint';
import { beforeAll, describe, expect, it } from 'vitest';

const app = join(import.meta.dirname, '..');
const bin = join(app, 'dist/index.js');

function run(
  args: string[],
  opts: { cwd?: string; input?: string; env?: Record<string, string> } = {},
) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? app,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockwright-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const CLEAN = 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0\nUSER app\nCMD ["sh"]\n';
const BAD = 'FROM alpine:3.20 AS Build\nENV a b c\nCMD node app.js\nUSER app\n';

beforeAll(() => {
  execFileSync(process.execPath, [join(app, 'build.mjs')]);
});

describe('dockwright binary', () => {
  it('is an ESM bundle with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints help and version', () => {
    expect(run(['--help']).stdout).toContain('dockwright <command>');
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(run(['lint', '--help']).stdout).toContain('--max-warnings');
  });

  it('gives one usage block with a line per command, and the details per command', () => {
    const help = run(['--help']).stdout;
    expect(help.match(/Usage:/g)).toHaveLength(1);
    for (const command of ['lint', 'fmt', 'parse']) {
      expect(help.match(new RegExp(`^  ${command} +\\S`, 'gm'))).toHaveLength(1);
      const detail = run([command, '--help']);
      expect(detail.code).toBe(0);
      expect(detail.stdout.startsWith(`Usage: dockwright ${command} `)).toBe(true);
    }
    const none = run([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(help);
  });

  it('exits 2 on usage errors without a stack trace', () => {
    const r = run(['bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(run(['lint', '--format', 'xml', '-'], { input: CLEAN }).code).toBe(2);
    expect(run(['lint', '--nope']).code).toBe(2);
  });

  it('takes --debug before or after the command and prints the stack trace', () => {
    for (const args of [
      ['--debug', 'lint', '--format', 'xml', '-'],
      ['lint', '--format', 'xml', '--debug', '-'],
      ['parse', '--debug', 'a', 'b'],
      ['fmt', '--check', '--write', '--debug', '-'],
    ]) {
      const r = run(args, { input: CLEAN });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^CliError: .*\n\s+at /);
    }
  });
});

describe('dockwright lint', () => {
  it('exits 0 on a clean file and 1 with findings, with a code frame', () => {
    const dir = project({ Dockerfile: CLEAN, 'bad/Dockerfile': BAD });
    expect(run(['lint'], { cwd: dir }).code).toBe(0);
    const r = run(['lint', 'bad/Dockerfile'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "bad/Dockerfile:1:1: warning StageNameCasing: Stage name 'Build' should be lowercase",
    );
    expect(r.stdout).toContain('    1 | FROM alpine:3.20 AS Build\n      | ^');
  });

  it('reads stdin, expands globs and lints several files', () => {
    const dir = project({ 'a/Dockerfile': BAD, 'b/web.Dockerfile': BAD, 'c/other.txt': BAD });
    const r = run(['lint', '--format', 'json', '**/{Dockerfile,*.Dockerfile}'], { cwd: dir });
    const files = new Set((JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file));
    expect([...files].sort()).toEqual(['a/Dockerfile', 'b/web.Dockerfile']);
    const s = run(['lint', '--format', 'json', '-'], { input: BAD });
    expect(JSON.parse(s.stdout)[0].file).toBe('<stdin>');
  });

  it('names stdin <stdin> in text and JSON reports and in errors, and stdin in SARIF', () => {
    expect(run(['lint', '-'], { input: BAD }).stdout).toContain('<stdin>:1:1: warning');
    const json = JSON.parse(run(['lint', '--format', 'json', '-'], { input: BAD }).stdout);
    expect(new Set(json.map((f: { file: string }) => f.file))).toEqual(new Set(['<stdin>']));
    expect(run(['parse', '-'], { input: 'FROM a\nRUNN x\n' }).stderr).toBe(
      '<stdin>:2:1: unknown instruction: RUNN (did you mean RUN?)\n',
    );
  });

  it('reads absolute paths', () => {
    const dir = project({ Dockerfile: BAD });
    const r = run(['lint', join(dir, 'Dockerfile')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('StageNameCasing');
  });

  it('exits 2 when a file cannot be read', () => {
    const r = run(['lint', 'missing/Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing/Dockerfile: cannot read');
  });

  it('applies thresholds', () => {
    const info = 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0\nRUN echo hi\nUSER app\n';
    expect(run(['lint', '-'], { input: info }).code).toBe(0); // DL3059 is info
    expect(run(['lint', '--failure-threshold', 'info', '-'], { input: info }).code).toBe(1);
    expect(run(['lint', '--failure-threshold', 'error', '-'], { input: BAD }).code).toBe(0);
    expect(
      run(['lint', '--failure-threshold', 'none', '--max-warnings', '0', '-'], { input: BAD }).code,
    ).toBe(1);
  });

  it('writes SARIF 2.1.0 with the required fields', () => {
    const sarif = JSON.parse(run(['lint', '--format', 'sarif', '-'], { input: BAD }).stdout);
    expect(sarif.version).toBe('2.1.0');
    const runObj = sarif.runs[0];
    expect(runObj.tool.driver.name).toBe('dockwright');
    expect(runObj.tool.driver.rules.length).toBeGreaterThan(50);
    for (const r of runObj.results) {
      expect(typeof r.ruleId).toBe('string');
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(typeof r.message.text).toBe('string');
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('stdin');
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });

  it('fixes in place with --fix', () => {
    const dir = project({ Dockerfile: BAD });
    const r = run(['lint', '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(
      'FROM alpine:3.20 AS build\nENV a="b c"\nCMD ["node", "app.js"]\nUSER app\n',
    );
    expect(r.stdout).not.toContain('StageNameCasing');
  });

  it.each(['text', 'json', 'sarif'])(
    'with stdin and --fix writes only the fixed Dockerfile to stdout (--format %s)',
    (format) => {
      const r = run(['lint', '--fix', '--format', format, '-'], { input: 'FROM a\nENV k v\n' });
      expect(r.stdout).toBe('FROM a\nENV k=v\n');
      expect(r.stderr).toContain('DL3006');
      if (format !== 'text') expect(() => JSON.parse(r.stderr)).not.toThrow();
    },
  );

  it('writes fixes through a symlink and keeps the file mode', () => {
    const dir = project({ 'real/Dockerfile': BAD });
    symlinkSync('real/Dockerfile', join(dir, 'Dockerfile'));
    chmodSync(join(dir, 'real/Dockerfile'), 0o640);
    run(['lint', '--fix', 'Dockerfile'], { cwd: dir });
    expect(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'Dockerfile'))).toBe('real/Dockerfile');
    expect(readFileSync(join(dir, 'real/Dockerfile'), 'utf8')).toContain('AS build');
    expect(statSync(join(dir, 'real/Dockerfile')).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(dir, 'real'))).toEqual(['Dockerfile']);
  });

  it.each([
    [['--check', 'bogus=1'], {}, '--check: invalid check option "bogus"'],
    [['--check', 'skip=all;bogus'], {}, '--check: invalid check option "bogus"'],
    [['--check', 'error=maybe'], {}, '--check: failed to parse check option "error=maybe"'],
    [
      [],
      { BUILDKIT_DOCKERFILE_CHECK: 'bogus=1' },
      'BUILDKIT_DOCKERFILE_CHECK: invalid check option "bogus"',
    ],
  ])('rejects the check value %j %j as a usage error', (args, env, message) => {
    const r = run(['lint', ...args, '-'], { input: CLEAN, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('reports a malformed # check= directive as an error at its line', () => {
    const r = run(['lint', '-'], { input: `# check=skip=all;bogus\n${CLEAN}` });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '<stdin>:1:1: error InvalidCheckOption: failed to parse check options: invalid check option "bogus"',
    );
  });

  it.each([
    ['{"rules":{"Nope":"off"}}', 'unknown rule "Nope" in "rules"'],
    ['{"rules":{"StageNameCasng":"off"}}', '(did you mean StageNameCasing?)'],
    ['{"rules":{"dl3008":"off"}}', '(did you mean DL3008?)'],
    ['{"ignore":{"rules":["DL3OO8"]}}', 'unknown rule "DL3OO8" in "ignore.rules"'],
  ])('rejects unknown rule ids in the config %s', (config, message) => {
    const dir = project({ Dockerfile: CLEAN, 'dockwright.config.json': config });
    const r = run(['lint'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it.each([
    [
      'dockwright.config.json',
      '{"ignore": "x"}',
      'dockwright.config.json:1:12: "ignore" must be an object with "rules" and "files" lists, not "x"',
    ],
    [
      'dockwright.config.json',
      '{"ignore": [1]}',
      'dockwright.config.json:1:12: "ignore" must be an object with "rules" and "files" lists, not a list',
    ],
    [
      'dockwright.config.json',
      '{"ignore": {"files": ["a", 1]}}',
      'dockwright.config.json:1:28: "ignore.files[1]" must be a string, not the number 1',
    ],
    [
      'dockwright.config.json',
      '{\n  "ignore": {"filez": []}\n}',
      'dockwright.config.json:2:14: unknown key "filez" in "ignore" (expected "rules", "files"; did you mean "files"?)',
    ],
    [
      'dockwright.config.json',
      '{"rulez": {}}',
      'dockwright.config.json:1:2: unknown key "rulez" (expected "rules", "ignore", "$schema"; did you mean "rules"?)',
    ],
    [
      'dockwright.config.json',
      '{"rules": {"DL3008": "of"}}',
      'dockwright.config.json:1:22: rule "DL3008" has level "of", expected off|style|info|warning|error',
    ],
    [
      'dockwright.config.json',
      '{"rules": {}, "rules": {"DL3008": "off"}}',
      'dockwright.config.json:1:15: duplicate key "rules"',
    ],
    [
      'dockwright.config.json',
      '{\n  "rules": {\n    "DL3008": "off",\n  }\n}',
      'dockwright.config.json:4:3: invalid JSON: Expected double-quoted property name',
    ],
    [
      'dockwright.config.yaml',
      'rules:\n  DL3008: off\n  - x\n',
      'dockwright.config.yaml:3:1: invalid YAML: ',
    ],
    [
      'dockwright.config.yml',
      'rules:\n  DL3008: loud\nignore:\n  files: vendor\n',
      'dockwright.config.yml:2:11: rule "DL3008" has level "loud", expected off|style|info|warning|error\ndockwright.config.yml:4:10: "ignore.files" must be a list of globs, not "vendor"\n',
    ],
  ])('names the key and the place of a bad %s: %j', (name, config, message) => {
    const dir = project({ Dockerfile: CLEAN, [name]: config });
    const r = run(['lint'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.stdout).toBe('');
  });

  it.each(['', '1e3', ' 5', '0x10', '2.5'])('rejects --max-warnings %j', (value) => {
    const r = run(['lint', '--max-warnings', value, '-'], { input: CLEAN });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `--max-warnings must be a non-negative integer, not ${JSON.stringify(value)}\n`,
    );
  });

  it.each([
    ['--insecure-registry', '127.0.0.1:5000'],
    ['--docker', '/usr/bin/docker'],
    ['--build-arg', 'TAG=1'],
  ])('rejects %s without --resolve-images', (option, value) => {
    const r = run(['lint', option, value, '-'], { input: CLEAN });
    expect([r.code, r.stderr]).toEqual([2, `${option} is used only with --resolve-images\n`]);
  });

  it('names base images with --build-arg values, as docker build does', () => {
    // A docker client that knows one image, for linux/arm64, on an engine for linux/amd64;
    // any other is asked of its registry, a closed port on 127.0.0.1.
    const dir = project({
      Dockerfile: 'ARG TAG=3.19\nFROM 127.0.0.1:9/tool:${TAG}\nUSER app\n',
      docker: [
        '#!/bin/sh',
        'for last; do :; done',
        'case "$1" in version) echo linux/amd64; exit 0;; esac',
        'if [ "$last" = 127.0.0.1:9/tool:3.20 ]; then',
        `  echo '{"Id":"sha256:1","Os":"linux","Architecture":"arm64","RootFS":{"Layers":["sha256:2"]}}'`,
        'else echo "Error: No such image: $last" >&2; exit 1; fi',
        '',
      ].join('\n'),
    });
    chmodSync(join(dir, 'docker'), 0o700);
    const lintWith = (args: string[], env: Record<string, string> = {}) => {
      const r = run(
        ['lint', '--no-shellcheck', '--resolve-images', '--docker', join(dir, 'docker'), ...args],
        { cwd: dir, env },
      );
      return {
        code: r.code,
        stderr: r.stderr,
        rules: r.stdout.match(/^\S+ \w+ InvalidBaseImagePlatform: .*$/gm) ?? [],
      };
    };
    const mismatch = {
      code: 1,
      stderr: '',
      rules: [
        'Dockerfile:2:1: warning InvalidBaseImagePlatform: Base image 127.0.0.1:9/tool:3.20 was pulled with platform "linux/arm64", expected "linux/amd64" for current build',
      ],
    };
    expect(lintWith(['--build-arg', 'TAG=3.20'])).toEqual(mismatch);
    // NAME alone: the value from the environment.
    expect(lintWith(['--build-arg', 'TAG'], { TAG: '3.20' })).toEqual(mismatch);
    // The default: an image nobody has.
    const unresolved = /^Dockerfile:2:1: cannot resolve base image 127\.0\.0\.1:9\/tool:3\.19 /;
    for (const args of [[], ['--build-arg', 'UNDECLARED=3.20'], ['--build-arg', 'TAG']]) {
      const r = lintWith(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(unresolved);
    }
    // Set but empty: the empty value, as docker takes it.
    expect(lintWith(['--build-arg', 'TAG'], { TAG: '' }).stderr).toMatch(
      /^Dockerfile:2:1: cannot resolve base image 127\.0\.0\.1:9\/tool: for linux\/amd64: /,
    );
    expect(lintWith(['--build-arg', '=3.20'])).toMatchObject({
      code: 2,
      stderr: '--build-arg takes name=value, not "=3.20"\n',
    });
  });

  it('rejects an empty file name', () => {
    const r = run(['lint', ''], { cwd: project({ Dockerfile: CLEAN }) });
    expect([r.code, r.stderr]).toEqual([2, "an empty file name ('') was given\n"]);
  });

  it('reads dockwright.config.yaml and .json, and BUILDKIT_DOCKERFILE_CHECK', () => {
    const yaml = project({
      Dockerfile: BAD,
      'dockwright.config.yaml':
        'rules:\n  StageNameCasing: "off"\n  LegacyKeyValueFormat: error\nignore:\n  rules: [JSONArgsRecommended, DL3025]\n',
    });
    const out = JSON.parse(run(['lint', '--format', 'json'], { cwd: yaml }).stdout) as Array<{
      ruleId: string;
      severity: string;
    }>;
    expect(out.map((f) => f.ruleId)).not.toContain('StageNameCasing');
    expect(out.map((f) => f.ruleId)).not.toContain('DL3025');
    expect(out.find((f) => f.ruleId === 'LegacyKeyValueFormat')?.severity).toBe('error');
    const json = project({
      Dockerfile: BAD,
      'dockwright.config.json': '{"ignore":{"files":["Dockerfile"]}}',
    });
    expect(run(['lint', 'Dockerfile'], { cwd: json }).code).toBe(0);
    const bad = project({ Dockerfile: BAD, 'dockwright.config.json': '{"rules":{"X":"loud"}}' });
    expect(run(['lint'], { cwd: bad }).code).toBe(2);
    const env = JSON.parse(
      run(['lint', '--format', 'json', '-'], {
        input: BAD,
        env: { BUILDKIT_DOCKERFILE_CHECK: 'skip=all' },
      }).stdout,
    ) as Array<{ ruleId: string }>;
    expect(env.map((f) => f.ruleId)).not.toContain('StageNameCasing');
  });
});

describe('dockwright fmt and parse', () => {
  const messy = 'from  alpine:3.20\nrun   echo hi   \n\n\n\ncmd ["a","b"]';
  const tidy = 'FROM alpine:3.20\nRUN echo hi\n\nCMD ["a", "b"]\n';

  it('prints to stdout by default', () => {
    expect(run(['fmt', '-'], { input: messy }).stdout).toBe(tidy);
  });

  it('--check lists files that would change and exits 1', () => {
    const dir = project({ 'a/Dockerfile': messy, 'b/Dockerfile': tidy });
    const r = run(['fmt', '--check', 'a/Dockerfile', 'b/Dockerfile'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('a/Dockerfile\n');
    expect(run(['fmt', '--check', 'b/Dockerfile'], { cwd: dir }).code).toBe(0);
  });

  it('--check leaves a tidy file with a BOM and CRLF line ends alone', () => {
    const dir = project({ Dockerfile: `\ufeff${tidy.replaceAll('\n', '\r\n')}` });
    const r = run(['fmt', '--check', 'Dockerfile'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(run(['fmt', 'Dockerfile'], { cwd: dir }).stdout).toBe(
      `\ufeff${tidy.replaceAll('\n', '\r\n')}`,
    );
  });

  it('--write rewrites changed files only', () => {
    const dir = project({ 'a/Dockerfile': messy, 'b/Dockerfile': tidy });
    const before = statSync(join(dir, 'b/Dockerfile')).mtimeMs;
    const r = run(['fmt', '--write', 'a/Dockerfile', 'b/Dockerfile'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'a/Dockerfile'), 'utf8')).toBe(tidy);
    expect(statSync(join(dir, 'b/Dockerfile')).mtimeMs).toBe(before);
  });

  it('reports bad input as file:line:column: message', () => {
    const dir = project({ Dockerfile: 'FROM alpine\nRUNN x\n' });
    const r = run(['parse', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Dockerfile:2:1: unknown instruction: RUNN (did you mean RUN?)\n');
    const f = run(['fmt', 'Dockerfile'], { cwd: dir });
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('Dockerfile:2:1: unknown instruction');
    expect(f.stdout).toBe('');
  });

  it('parse exits 0 on a clean file and 2 on a read error', () => {
    expect(run(['parse', '-'], { input: 'FROM alpine\n' }).code).toBe(0);
    expect(run(['parse', 'missing/Dockerfile']).code).toBe(2);
  });

  it('fmt --write writes through a symlink and keeps the file mode', () => {
    const dir = project({ 'real/Dockerfile': messy });
    symlinkSync(join(dir, 'real/Dockerfile'), join(dir, 'Dockerfile'));
    chmodSync(join(dir, 'real/Dockerfile'), 0o751);
    expect(run(['fmt', '--write', 'Dockerfile'], { cwd: dir }).code).toBe(0);
    expect(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real/Dockerfile'), 'utf8')).toBe(tidy);
    expect(statSync(join(dir, 'real/Dockerfile')).mode & 0o777).toBe(0o751);
  });

  it('stops quietly when the reader closes the pipe (EPIPE)', () => {
    const dir = project({
      Dockerfile: `FROM alpine\n${'RUN echo some words to make the tree large\n'.repeat(3000)}`,
    });
    // bash, for PIPESTATUS: the exit code of dockwright itself.
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${bin}" parse --json Dockerfile | head -1; echo "\${PIPESTATUS[0]}"`,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.stdout).toBe('{\n0\n');
    expect(r.stderr).toBe('');
  });

  it('prints the BuildKit dump or the JSON tree', () => {
    expect(run(['parse', '-'], { input: 'FROM alpine AS b\nENV a b\n' }).stdout).toBe(
      '(from "alpine" "AS" "b")\n(env "a" "b" "")\n',
    );
    const tree = JSON.parse(run(['parse', '--json', '-'], { input: 'FROM alpine\n' }).stdout);
    expect(tree.type).toBe('dockerfile');
    expect(tree.children[0].keyword).toBe('FROM');
  });
});

describe('create-container-app output', () => {
  // `pnpm check` builds every package before any test runs, so the scaffolder is there.
  const cca = join(app, '../create-container-app/dist/index.cjs');
  const cases = [
    ['flask', null],
    ['node', 'npm'],
    ['node', 'pnpm'],
    ['node', 'yarn'],
  ] as const;

  it.each(cases)('%s %s: zero findings, and fmt keeps its meaning', (template, pm) => {
    expect(existsSync(cca), `build create-container-app first (${cca})`).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'cca-'));
    const target = join(dir, 'app');
    const args = [cca, target, '--template', template, '--no-interactive', '--no-install'];
    if (pm) args.push('--package-manager', pm);
    const gen = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);

    // DL3066 (info) asks for a numeric USER; the templates name the base image's user.
    const r = run(['lint', '--failure-threshold', 'info', 'Dockerfile'], {
      cwd: target,
      env: { HADOLINT_IGNORE: 'DL3066' },
    });
    expect(r.stdout).toBe('No problems in 1 file\n');
    expect(r.code).toBe(0);

    const text = readFileSync(join(target, 'Dockerfile'), 'utf8');
    const formatted = format(text);
    expect(dump(parse(formatted))).toBe(dump(parse(text)));
    expect(format(formatted)).toBe(formatted);
  });
});

describe('dockwright lint as a drop-in for hadolint', () => {
  const isolated = (dir: string) => ({ HOME: dir, XDG_CONFIG_HOME: join(dir, '.config') });
  const DL = 'FROM debian\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nUSER 1000\n';

  it.each(['checkstyle', 'codeclimate', 'gitlab_codeclimate', 'sonarqube', 'gnu', 'tty'])(
    'writes --format %s',
    (fmt) => {
      const dir = project({});
      const r = run(['lint', '--no-shellcheck', '--format', fmt, '-'], {
        input: DL,
        env: isolated(dir),
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('DL3008');
    },
  );

  it('reads .hadolint.yaml where hadolint looks for it, and the HADOLINT_* variables', () => {
    const dir = project({
      Dockerfile: DL,
      '.hadolint.yaml': 'ignored: [DL3008]\noverride:\n  error: [DL3015]\nformat: checkstyle\n',
    });
    const r = run(['lint', '--no-shellcheck'], { cwd: dir, env: isolated(dir) });
    expect(r.stdout).toContain('<checkstyle version="4.3">');
    expect(r.stdout).not.toContain('DL3008');
    expect(r.stdout).toContain('severity="error" source="DL3015"');
    const home = project({ '.hadolint.yaml': 'failure-threshold: error\nignored: [DL3015]\n' });
    const fromHome = run(['lint', '--no-shellcheck', '-'], { input: DL, env: isolated(home) });
    expect(fromHome.code).toBe(0); // DL3006 and DL3008 are warnings
    const env = run(['lint', '--no-shellcheck', '-'], {
      input: DL,
      env: {
        ...isolated(project({})),
        HADOLINT_IGNORE: 'DL3006,DL3008,DL3015',
        HADOLINT_NOFAIL: 'yes',
      },
    });
    expect(env.code).toBe(0);
    expect(env.stdout).toBe('No problems in 1 file\n');
  });

  it('refuses a hadolint config hadolint would refuse, with file:line:column', () => {
    const dir = project({ Dockerfile: DL, 'my.yaml': 'ignored:\n  - 3008\n' });
    const r = run(['lint', '--hadolint-config', 'my.yaml'], { cwd: dir, env: isolated(dir) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`my.yaml:2:5: an item of "ignored" must be a string\n`);
  });

  it('runs ShellCheck on RUN scripts, or says once that it cannot', () => {
    const dir = project({});
    const input = 'FROM debian:12\nRUN echo $1\nRUN echo $2\nUSER 1000\n';
    const missing = run(['lint', '-'], {
      input,
      env: { ...isolated(dir), PATH: dir, DOCKWRIGHT_SHELLCHECK: '' },
    });
    expect(missing.stderr.match(/shellcheck was not found/g)).toHaveLength(1);
    const off = run(['lint', '--no-shellcheck', '-'], { input, env: isolated(dir) });
    expect(off.stderr).toBe('');
    expect(off.stdout).not.toContain('SC2086');
    if (!existsSync('/usr/bin/shellcheck') && process.env.CI !== 'true') return;
    const on = run(['lint', '-'], { input, env: isolated(dir) });
    expect(on.stdout).toContain('<stdin>:2:10: info SC2086: Double quote to prevent globbing');
    expect(on.stdout).toContain('<stdin>:3:10: info SC2086');
  });
});
