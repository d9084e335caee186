import { describe, expect, it } from 'vitest';
import { CheckConfigError } from './check-config.js';
import { defineRule } from './define-rule.js';
import { lint, lintWith } from './lint.js';
import { createLinter } from './linter.js';

const files = [
  'FROM alpine:3.20 AS Build\nENV a b c\nCMD node app.js\n',
  '# check=skip=all\nFROM alpine AS Build\nRUN apt-get update && apt-get install -y curl\n',
  '# hadolint global ignore=DL3008\nFROM debian:12\nRUN apt-get install -y curl\nWORKDIR app\n',
  'FROM debian:12\nONBUILD RUN apk add flex\nCOPY . /app\nUSER root\n',
  'FROM alpine\nCOPY --from=later / /\nFROM alpine AS later\n',
];
const options = {
  rules: { DL1001: 'info', DL3008: 'error' },
  buildkitCheck: 'experimental=all',
  trustedRegistries: ['docker.io'],
} as const;

describe('createLinter', () => {
  it('gives what lint() gives, file after file', () => {
    const linter = createLinter(options);
    for (const text of files) expect(linter.lint(text)).toEqual(lint(text, options));
  });

  it('keeps nothing from one file to the next: the order files come in changes nothing', () => {
    const forward = createLinter(options);
    const backward = createLinter(options);
    const a = files.map((text) => forward.lint(text));
    const b = [...files].reverse().map((text) => backward.lint(text));
    expect(b.reverse()).toEqual(a);
    // The same file twice in a row, too.
    expect(forward.lint(files[0]!)).toEqual(a[0]);
  });

  it('takes the file name, .dockerignore and ShellCheck comments per file', () => {
    const linter = createLinter({ file: 'default/Dockerfile', dockerignore: 'nothing' });
    const text = 'FROM alpine\nCOPY secret.txt /\n';
    const own = linter.lint(text, { file: 'web/Dockerfile', dockerignore: '*.txt\n' });
    expect(own).toEqual(lint(text, { file: 'web/Dockerfile', dockerignore: '*.txt\n' }));
    expect(own.some((f) => f.ruleId === 'CopyIgnoredFile')).toBe(true);
    // What a file does not give comes from the linter's options.
    const shared = linter.lint(text);
    expect(shared).toEqual(lint(text, { file: 'default/Dockerfile', dockerignore: 'nothing' }));
    expect(shared.every((f) => f.file === 'default/Dockerfile')).toBe(true);
  });

  it('refuses a malformed buildkitCheck when it is made', () => {
    expect(() => createLinter({ buildkitCheck: 'skip=all;bogus' })).toThrow(CheckConfigError);
  });

  it('refuses, when it is made, options a JavaScript caller got wrong', () => {
    const made = (o: unknown) => () => createLinter(o as Parameters<typeof createLinter>[0]);
    expect(made({ rules: { DL3008: 'fatal' } })).toThrow(
      'options.rules.DL3008 must be off, error, warning, info or style, not "fatal"',
    );
    expect(made({ rules: ['DL3008'] })).toThrow('options.rules must map rule ids to levels');
    expect(made({ ignoreRules: 'DL3008' })).toThrow('options.ignoreRules must be an array');
    expect(made({ buildkitCheck: 5 })).toThrow('options.buildkitCheck must be a string');
    expect(made({ rules: { DL3008: 'off' }, ignoreRules: [] })).not.toThrow();
  });

  it.each([
    ['platform', 'linux/', '"" is an invalid component of "linux/"'],
    ['platform', 'a,b', '"a,b": one platform, not a list'],
    ['buildPlatform', 'linux/amd64/v1/x/y', 'options.buildPlatform is not a platform: '],
    ['buildPlatform', 'l!nux', '"l!nux" is an invalid OS component of "l!nux"'],
    ['platform', 5, 'options.platform must be a platform string (os/arch[/variant]), not 5'],
    ['buildPlatform', {}, 'options.buildPlatform must be a platform string'],
  ])('refuses a %s of %j when it is made, as lint() does', (name, value, message) => {
    const options = { [name]: value } as Parameters<typeof createLinter>[0];
    expect(() => createLinter(options)).toThrow(TypeError);
    expect(() => createLinter(options)).toThrow(message);
    expect(() => lint('FROM alpine\n', options)).toThrow(message);
    if (typeof value === 'string') {
      expect(() => createLinter(options)).toThrow(`options.${name} is not a platform: `);
    }
  });

  it('refuses a buildPlatform a file gives that is no platform', () => {
    const linter = createLinter();
    expect(() => linter.lint('FROM alpine\n', { buildPlatform: 'linux/' })).toThrow(
      'options.buildPlatform is not a platform: "" is an invalid component of "linux/"',
    );
    const valid = createLinter({ platform: 'linux/arm/v7', buildPlatform: 'arm64' });
    expect(() => valid.lint('FROM a\n', { buildPlatform: 'windows/amd64' })).not.toThrow();
  });

  it('refuses buildArgs that are not names mapped to strings', () => {
    const made = (buildArgs: unknown) => () =>
      createLinter({ buildArgs } as Parameters<typeof createLinter>[0]);
    expect(made(['TAG=1'])).toThrow(
      'options.buildArgs must map build argument names to string values',
    );
    expect(made('TAG=1')).toThrow('options.buildArgs must map');
    expect(made(null)).toThrow('options.buildArgs must map');
    expect(made({ TAG: 1 })).toThrow('options.buildArgs.TAG must be a string, not 1');
    expect(made({ TAG: undefined })).toThrow(
      'options.buildArgs.TAG must be a string, not undefined',
    );
    expect(made({ TAG: '1', EMPTY: '' })).not.toThrow();
  });

  it('keeps the build arguments it was made with', () => {
    const buildArgs: Record<string, string> = { TAG: '1' };
    const images = { 'tool:1': { os: 'linux', architecture: 'arm64' } };
    const linter = createLinter({ platform: 'linux/amd64', images, buildArgs });
    buildArgs.TAG = '2';
    const ids = linter.lint('ARG TAG\nFROM tool:$TAG\n').map((f) => f.ruleId);
    expect(ids).toContain('InvalidBaseImagePlatform');
  });

  it('keeps the options it was made with: changing the object afterwards changes nothing', () => {
    const given: { file: string; rules: Record<string, 'off' | 'error'> } = {
      file: 'a/Dockerfile',
      rules: { DL3006: 'error' },
    };
    const linter = createLinter(given);
    const before = linter.lint('FROM debian\n');
    given.file = 'b/Dockerfile';
    given.rules = { DL3006: 'off' };
    expect(linter.lint('FROM debian\n')).toEqual(before);
    expect(before.some((f) => f.ruleId === 'DL3006' && f.file === 'a/Dockerfile')).toBe(true);
  });

  it('reads the fields the options object has of its own, however it was made', () => {
    const base = { buildkitCheck: 'experimental=all', trustedRegistries: ['docker.io'] };
    const literal = { ...options, file: 'Dockerfile' };
    for (const text of files) {
      const expected = lint(text, literal);
      // Made anew for each call with a field added after a spread, as callers often write it.
      expect(lint(text, { ...base, rules: options.rules, file: 'Dockerfile' })).toEqual(expected);
      // A field no option has is left alone.
      expect(lint(text, { ...literal, verbose: true } as typeof literal)).toEqual(expected);
    }
    // As `{ ...options }` reads an object: what it inherits is not its own, and is not read.
    const inherited = Object.create({ rules: { DL3006: 'off' } }) as Parameters<typeof lint>[1];
    expect(lint('FROM debian\n', inherited).map((f) => f.ruleId)).toContain('DL3006');
  });

  it('runs the rules the levels and ignore list leave on, whatever order they are given in', () => {
    const text = '# hadolint ignore=DL3006\nFROM debian\n';
    const ids = (o: Parameters<typeof lint>[1]) => lint(text, o).map((f) => f.ruleId);
    // DL1001 is off unless given a level; the ignore list wins over any level.
    expect(ids({})).not.toContain('DL1001');
    expect(ids({ rules: { DL1001: 'info' } })).toContain('DL1001');
    expect(ids({ rules: { DL1001: 'info' }, ignoreRules: ['DL1001'] })).not.toContain('DL1001');
    expect(ids({ ignoreRules: ['DL1001'], rules: { DL1001: 'error' } })).not.toContain('DL1001');
    expect(ids({ rules: { DL1001: 'off' } })).not.toContain('DL1001');
    // A level for an id no rule has (a ShellCheck code, a typo) switches nothing on or off.
    expect(ids({ rules: { SC2086: 'off', DL9999: 'error' } })).toEqual(ids({}));
  });

  it('reads the levels when it is made: changing the levels object afterwards changes nothing', () => {
    const levels: Record<string, 'off' | 'error'> = { DL3006: 'error' };
    const linter = createLinter({ rules: levels });
    const before = linter.lint('FROM debian\n');
    levels.DL3006 = 'off';
    levels.DL1001 = 'error';
    expect(linter.lint('FROM debian\n')).toEqual(before);
    expect(before.find((f) => f.ruleId === 'DL3006')?.severity).toBe('error');
  });

  it('sets the level of every rule of a list that shares an id', () => {
    const check = defineRule(
      { id: 'X1', source: 'dockwright', severity: 'warning', description: 'Every FROM.' },
      (ctx, report) => {
        for (const stage of ctx.stages) report(stage.from, 'a FROM');
      },
    );
    const twice = [check, check];
    const text = 'FROM alpine\n';
    expect(lintWith(text, {}, twice).map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(lintWith(text, { rules: { X1: 'error' } }, twice).map((f) => f.severity)).toEqual([
      'error',
      'error',
    ]);
    expect(lintWith(text, { rules: { X1: 'off' } }, twice)).toEqual([]);
    expect(lintWith(text, { ignoreRules: ['X1'] }, twice)).toEqual([]);
  });
});
