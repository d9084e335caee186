import { describe, expect, it } from 'vitest';
import { CheckConfigError } from './check-config.js';
import { lint } from './lint.js';
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
});
