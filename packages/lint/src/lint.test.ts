import { describe, expect, it } from 'vitest';
import { lint } from './lint.js';

const ids = (text: string, options = {}): string[] => lint(text, options).map((f) => f.ruleId);

describe('lint configuration', () => {
  const bad = 'FROM alpine:3.20 AS Build\nUSER app\n';

  it('reports BuildKit checks as warnings by default', () => {
    const f = lint(bad).find((x) => x.ruleId === 'StageNameCasing');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toBe("Stage name 'Build' should be lowercase");
    expect(f?.position).toMatchObject({ line: 1, column: 1 });
  });

  it.each([
    ['# check=skip=StageNameCasing\n', false, 'warning'],
    ['# check=skip=all\n', false, 'warning'],
    ['# check=error=true\n', true, 'error'],
    ['# check=skip=JSONArgsRecommended;error=true\n', true, 'error'],
  ])('honours the directive %j', (directive, reported, severity) => {
    const f = lint(directive + bad).find((x) => x.ruleId === 'StageNameCasing');
    expect(f !== undefined).toBe(reported);
    if (f) expect(f.severity).toBe(severity);
  });

  it('honours a check comment above one instruction only, as BuildKit reads PrevComment', () => {
    // BuildKit's parser keeps comments across blank lines; a bare `#` ends the list.
    const text =
      'FROM alpine:3.20 AS A\n# check=skip=StageNameCasing\nFROM alpine:3.20 AS B\n\n# check=skip=StageNameCasing\n\nFROM alpine:3.20 AS C\n# check=skip=StageNameCasing\n#\nFROM alpine:3.20 AS D\nUSER app\n';
    const lines = lint(text)
      .filter((f) => f.ruleId === 'StageNameCasing')
      .map((f) => f.position.line);
    expect(lines).toEqual([1, 10]);
  });

  it('reads only the first check comment above an instruction, up to its first space', () => {
    const text =
      'FROM alpine:3.20\n# check=skip=StageNameCasing // not a bug\n# check=skip=FromAsCasing\nFROM alpine:3.20 as B\nUSER app\n';
    const ids = lint(text).map((f) => f.ruleId);
    expect(ids).not.toContain('StageNameCasing');
    expect(ids).toContain('FromAsCasing');
  });

  it('lets BUILDKIT_DOCKERFILE_CHECK replace the directive', () => {
    const text = `# check=skip=StageNameCasing\n${bad}`;
    expect(ids(text)).not.toContain('StageNameCasing');
    expect(ids(text, { buildkitCheck: 'skip=FromAsCasing' })).toContain('StageNameCasing');
    expect(ids(bad, { buildkitCheck: 'skip=all' })).not.toContain('StageNameCasing');
  });

  it('reports a malformed # check= directive as an error at its line', () => {
    const found = lint(`# check=skip=all;bogus\n${bad}`).filter(
      (f) => f.ruleId === 'InvalidCheckOption',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'error',
      message: 'failed to parse check options: invalid check option "bogus"',
      position: { line: 1, column: 1 },
    });
    // The broken directive configures nothing: the checks still run.
    expect(ids(`# check=skip=all;bogus\n${bad}`)).toContain('StageNameCasing');
  });

  it('reports a malformed # check= comment above an instruction as a warning', () => {
    const text = 'FROM alpine:3.20 AS a\n# check=error=maybe\nFROM alpine:3.20 AS B\nUSER app\n';
    const found = lint(text).filter((f) => f.ruleId === 'InvalidCheckOption');
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.position.line).toBe(2);
    expect(found[0]?.message).toContain('failed to parse check option "error=maybe"');
  });

  it('throws on a malformed BUILDKIT_DOCKERFILE_CHECK value', () => {
    expect(() => lint(bad, { buildkitCheck: 'bogus=1' })).toThrow('invalid check option "bogus"');
  });

  it('keeps experimental checks off unless enabled', () => {
    const text = '# the builder\nFROM alpine:3.20 AS build\nUSER app\n';
    expect(ids(text)).not.toContain('InvalidDefinitionDescription');
    expect(ids(text, { buildkitCheck: 'experimental=all' })).toContain(
      'InvalidDefinitionDescription',
    );
  });

  it('honours hadolint ignore pragmas', () => {
    const text =
      'FROM debian\n# hadolint ignore=DL3008,DL3015\nRUN apt-get install -y curl\nRUN apt-get install -y git\nUSER app\n';
    const found = lint(text)
      .filter((f) => f.ruleId === 'DL3008')
      .map((f) => f.position.line);
    expect(found).toEqual([4]);
    expect(ids(`# hadolint global ignore=DL3006\n${text}`)).not.toContain('DL3006');
    expect(ids(text)).toContain('DL3006');
  });

  it('applies severities and ignores from options', () => {
    expect(ids(bad, { rules: { StageNameCasing: 'off' } })).not.toContain('StageNameCasing');
    expect(ids(bad, { ignoreRules: ['StageNameCasing'] })).not.toContain('StageNameCasing');
    const f = lint(bad, { rules: { StageNameCasing: 'error' } }).find(
      (x) => x.ruleId === 'StageNameCasing',
    );
    expect(f?.severity).toBe('error');
  });

  it.each([
    ['ENV A=b\nFROM a:1\nUSER a\n', 'NoBuildStage', 'no build stage in current context'],
    [
      'FROM a:1 AS one\nCOPY --from=two /x /x\nFROM b:1 AS two\nUSER a\n',
      'InvalidStageReference',
      'cannot copy from stage "two", it needs to be defined before current stage "one"',
    ],
    [
      'FROM a:1 AS one\nRUN --mount=from=one,target=/t true\nUSER a\n',
      'InvalidStageReference',
      'circular dependency detected on stage: one',
    ],
  ])('reports what BuildKit refuses to build: %j', (text, ruleId, message) => {
    expect(lint(text).filter((f) => f.severity === 'error')).toContainEqual(
      expect.objectContaining({ ruleId, message }),
    );
  });

  it('reports parse errors as findings', () => {
    const f = lint('FROM alpine\nRUNN x\n').find((x) => x.severity === 'error');
    expect(f?.message).toBe('unknown instruction: RUNN (did you mean RUN?)');
  });

  it.each([
    [
      'FROM alpine:3.20\nENV PATH=$PAHT:/x\nUSER a\n',
      'UndefinedVar',
      "Usage of undefined variable '$PAHT' (did you mean $PATH?)",
    ],
    [
      'ARG NODE_VERSION=22\nFROM node:${NODE_VERSON}\nUSER a\n',
      'UndefinedArgInFrom',
      "FROM argument 'NODE_VERSON' is not declared (did you mean NODE_VERSION?)",
    ],
    [
      'FROM alpine:3.20\nARG api_key\nUSER a\n',
      'SecretsUsedInArgOrEnv',
      'Do not use ARG or ENV instructions for sensitive data (ARG "api_key")',
    ],
    [
      'FROM alpine:3.20\nLABEL a b\nUSER a\n',
      'LegacyKeyValueFormat',
      '"LABEL key=value" should be used instead of legacy "LABEL key value" format',
    ],
    [
      'FROM alpine:3.20\nCOPY README.md /\nUSER a\n',
      'CopyIgnoredFile',
      'Attempting to Copy file "README.md" that is excluded by .dockerignore',
    ],
  ])('uses BuildKit wording: %#', (text, id, message) => {
    const f = lint(text, { dockerignore: '*.md' }).find((x) => x.ruleId === id);
    expect(f?.message).toBe(message);
  });
  it('lints a RUN nested too deep to read as a script it cannot read, with the rest of the file', () => {
    for (const open of ['$(', '${', 'if a; then ']) {
      const text = `FROM debian AS Build\nRUN ${open.repeat(20_000)}x\n`;
      expect(ids(text)).toContain('StageNameCasing');
    }
  });
});
