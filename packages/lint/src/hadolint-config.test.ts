import { describe, expect, it } from 'vitest';
import {
  EMPTY_HADOLINT_CONFIG,
  type HadolintConfig,
  hadolintConfigFromEnv,
  hadolintConfigLocations,
  hadolintLintOptions,
  mergeHadolintConfigs,
  parseHadolintConfig,
} from './hadolint-config.js';
import { lint } from './lint.js';

const config = (text: string): HadolintConfig => parseHadolintConfig(text, '.hadolint.yaml').config;
const with_ = (extra: Partial<HadolintConfig>): HadolintConfig => ({
  ...EMPTY_HADOLINT_CONFIG,
  ...extra,
});

// hadolint's test/Hadolint/Config/ConfigfileSpec.hs, case by case.
describe('.hadolint.yaml, as hadolint reads it', () => {
  it.each([
    ['no-fail: true', { noFail: true }],
    ['no-fail: false', { noFail: false }],
    ['no-color: true', { noColor: true }],
    ['no-color: false', { noColor: false }],
    ['verbose: true', { verbose: true }],
    ['verbose: false', { verbose: false }],
    ['format: json', { formats: ['json'] }],
    ['format: sarif', { formats: ['sarif'] }],
    ['formats:\n  - sarif\n  - json', { formats: ['sarif', 'json'] }],
    [
      'override:\n  error:\n    - DL3020\n    - DL3040\n    - SC1020',
      { rules: { DL3020: 'error', DL3040: 'error', SC1020: 'error' } },
    ],
    [
      'override:\n  warning:\n    - DL3020\n    - DL3040\n    - SC1020',
      { rules: { DL3020: 'warning', DL3040: 'warning', SC1020: 'warning' } },
    ],
    [
      'override:\n  info:\n    - DL3020\n    - DL3040\n    - SC1020',
      { rules: { DL3020: 'info', DL3040: 'info', SC1020: 'info' } },
    ],
    [
      'override:\n  style:\n    - DL3020\n    - DL3040\n    - SC1020',
      { rules: { DL3020: 'style', DL3040: 'style', SC1020: 'style' } },
    ],
    [
      'ignored:\n  - DL3020\n  - DL3040\n  - SC1020',
      { ignoreRules: ['DL3020', 'DL3040', 'SC1020'] },
    ],
    [
      'trustedRegistries:\n  - foobar.com\n  - barfoo.com',
      { trustedRegistries: ['foobar.com', 'barfoo.com'] },
    ],
    ['label-schema:\n  foo: email\n  bar: text', { labelSchema: { foo: 'email', bar: 'text' } }],
    ['strict-labels: true', { strictLabels: true }],
    ['strict-labels: false', { strictLabels: false }],
    ['disable-ignore-pragma: true', { disableIgnorePragma: true }],
    ['disable-ignore-pragma: false', { disableIgnorePragma: false }],
    ['failure-threshold: warning', { failureThreshold: 'warning' }],
    ['failure-threshold: style', { failureThreshold: 'style' }],
  ] as const)('%s', (text, expected) => {
    expect(config(text)).toEqual(with_(expected as Partial<HadolintConfig>));
  });

  it('refuses an empty file, as hadolint does', () => {
    expect(() => config('')).toThrow('.hadolint.yaml: the configuration is empty');
  });

  it.each([
    ['no-fail: maybe', '.hadolint.yaml:1:10: "no-fail" must be true or false'],
    ['ignored: DL3008', '.hadolint.yaml:1:10: "ignored" must be a list'],
    ['ignored:\n  - 3008', '.hadolint.yaml:2:5: an item of "ignored" must be a string'],
    [
      'failure-threshold: fatal',
      '.hadolint.yaml:1:20: "failure-threshold" must be error, warning, info, style, ignore or none, not "fatal"',
    ],
    [
      'label-schema:\n  author: person',
      '.hadolint.yaml:2:11: label "author" has type "person", expected text, url, spdx, hash, rfc3339, semver or email',
    ],
    [
      'format: xml',
      '.hadolint.yaml:1:9: "format" must be one of tty, json, checkstyle, codeclimate, gitlab_codeclimate, gnu, codacy, sonarqube, sarif, junit, not "xml"',
    ],
    ['- DL3008', '.hadolint.yaml:1:1: expected a mapping of hadolint settings'],
    ['ignored: [DL3008', '.hadolint.yaml:1:17: invalid YAML:'],
  ])('refuses %j with file:line:column', (text, message) => {
    expect(() => config(text)).toThrow(message);
  });

  it('warns about keys hadolint ignores, and reads the rest', () => {
    const parsed = parseHadolintConfig('ignore:\n  - DL3008\nignored: [DL3009]\n', 'x.yaml');
    expect(parsed.warnings).toEqual(['x.yaml:1:1: hadolint ignores the key "ignore"']);
    expect(parsed.config.ignoreRules).toEqual(['DL3009']);
  });

  it('gives the most severe override when a code is listed twice', () => {
    expect(config('override:\n  info: [DL3008]\n  error: [DL3008]\n').rules).toEqual({
      DL3008: 'error',
    });
  });

  it('reads ignore and none as the lowest threshold: every finding fails', () => {
    expect(config('failure-threshold: none').failureThreshold).toBe('style');
    expect(config('failure-threshold: ignore').failureThreshold).toBe('style');
  });

  it('configures the lint', () => {
    const options = hadolintLintOptions(
      config('override:\n  error: [DL3006]\nignored: [DL3059]\ntrustedRegistries: [docker.io]\n'),
    );
    const found = lint('FROM quay.io/x/y\nRUN a\nRUN b\nUSER app\n', options);
    expect(found.find((f) => f.ruleId === 'DL3006')?.severity).toBe('error');
    expect(found.some((f) => f.ruleId === 'DL3059')).toBe(false);
    expect(found.some((f) => f.ruleId === 'DL3026')).toBe(true);
  });
});

// hadolint's test/Hadolint/Config/EnvironmentSpec.hs.
describe('HADOLINT_* environment variables, as hadolint reads them', () => {
  it.each([
    [{}, {}],
    [{ HADOLINT_NOFAIL: '1' }, { noFail: true }],
    [{ HADOLINT_NOFAIL: '0' }, { noFail: false }],
    [{ NO_COLOR: 'y' }, { noColor: true }],
    [{ NO_COLOR: 'n' }, { noColor: true }],
    [{ NO_COLOR: '' }, { noColor: true }],
    [{ HADOLINT_VERBOSE: 'on' }, { verbose: true }],
    [{ HADOLINT_VERBOSE: 'off' }, { verbose: false }],
    [{ HADOLINT_FORMAT: 'json' }, { formats: ['json'] }],
    [{ HADOLINT_FORMAT: 'sarif,json' }, { formats: ['sarif', 'json'] }],
    [{ HADOLINT_FORMAT: 'junk,json' }, { formats: ['json'] }],
    [{ HADOLINT_OVERRIDE_ERROR: 'DL3010,DL3011' }, { rules: { DL3010: 'error', DL3011: 'error' } }],
    [{ HADOLINT_OVERRIDE_WARNING: 'DL3010' }, { rules: { DL3010: 'warning' } }],
    [{ HADOLINT_OVERRIDE_INFO: 'DL3010' }, { rules: { DL3010: 'info' } }],
    [{ HADOLINT_OVERRIDE_STYLE: 'DL3010' }, { rules: { DL3010: 'style' } }],
    [{ HADOLINT_IGNORE: 'DL3010,DL3011' }, { ignoreRules: ['DL3010', 'DL3011'] }],
    [
      { HADOLINT_TRUSTED_REGISTRIES: 'foobar.com,barfoo.com' },
      { trustedRegistries: ['foobar.com', 'barfoo.com'] },
    ],
    [
      { HADOLINT_REQUIRE_LABELS: 'foo:email,bar:text' },
      { labelSchema: { foo: 'email', bar: 'text' } },
    ],
    [{ HADOLINT_STRICT_LABELS: 'yes' }, { strictLabels: true }],
    [{ HADOLINT_DISABLE_IGNORE_PRAGMA: 'false' }, { disableIgnorePragma: false }],
    [{ HADOLINT_FAILURE_THRESHOLD: 'error' }, { failureThreshold: 'error' }],
    [{ HADOLINT_FAILURE_THRESHOLD: 'style' }, { failureThreshold: 'style' }],
  ] as const)('%j', (env, expected) => {
    expect(hadolintConfigFromEnv(env)).toEqual(with_(expected as Partial<HadolintConfig>));
  });

  it('is overridden by the file, lists added up (hadolint: environment <> file <> command line)', () => {
    const merged = mergeHadolintConfigs(
      hadolintConfigFromEnv({ HADOLINT_IGNORE: 'DL3010', HADOLINT_NOFAIL: 'yes' }),
      config('no-fail: false\nignored: [DL3011]\n'),
    );
    expect(merged.noFail).toBe(false);
    expect(merged.ignoreRules).toEqual(['DL3010', 'DL3011']);
  });
});

describe('where hadolint looks for its configuration', () => {
  it('follows hadolint: the working directory, XDG config, ~/.hadolint/, the home directory', () => {
    expect(hadolintConfigLocations({ cwd: '/repo', home: '/home/me' })).toEqual([
      '/repo/.hadolint.yaml',
      '/repo/.hadolint.yml',
      '/home/me/.config/hadolint.yaml',
      '/home/me/.config/hadolint.yml',
      '/home/me/.hadolint/hadolint.yaml',
      '/home/me/.hadolint/hadolint.yml',
      '/home/me/.hadolint/config.yaml',
      '/home/me/.hadolint/config.yml',
      '/home/me/.hadolint.yaml',
      '/home/me/.hadolint.yml',
    ]);
    expect(hadolintConfigLocations({ cwd: '/r', home: undefined, xdgConfigHome: '/x' })).toEqual([
      '/r/.hadolint.yaml',
      '/r/.hadolint.yml',
      '/x/hadolint.yaml',
      '/x/hadolint.yml',
    ]);
  });
});
