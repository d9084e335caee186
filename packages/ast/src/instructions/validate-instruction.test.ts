// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is Dockerfile syntax, not a template
import { describe, expect, it } from 'vitest';
import { parse } from '../parser/parse.js';
import {
  createHeredoc,
  createInstruction,
  createFlag as f,
  type InstructionInit,
} from '../tree/factories.js';
import type { InstructionNode } from '../tree/nodes.js';
import { validateInstruction } from './validate-instruction.js';

const node = (keyword: string, init: InstructionInit = {}): InstructionNode =>
  createInstruction(keyword, init);

function problems(n: InstructionNode): string[] {
  return validateInstruction(n, '\\').map((p) => `${p.code}: ${p.message}`);
}

describe('validateInstruction on built nodes', () => {
  it.each<[string, InstructionNode, string[]]>([
    // unknown instructions, suggesting only close names, in the case written
    ['FOO', node('FOO'), ['UnknownInstruction: unknown instruction: FOO (did you mean FROM?)']],
    ['XYZZY', node('XYZZY'), ['UnknownInstruction: unknown instruction: XYZZY']],
    [
      'FORM',
      node('FORM', { args: ['x'] }),
      ['UnknownInstruction: unknown instruction: FORM (did you mean FROM?)'],
    ],
    ['RUNN', node('RUNN'), ['UnknownInstruction: unknown instruction: RUNN (did you mean RUN?)']],
    [
      'EXPOS',
      node('EXPOS'),
      ['UnknownInstruction: unknown instruction: EXPOS (did you mean EXPOSE?)'],
    ],
    // BFlags
    [
      'COPY --form',
      node('COPY', { flags: [f('form', 'b')], args: ['a', 'b'] }),
      ['UnknownFlag: unknown flag: --form (did you mean from?)'],
    ],
    [
      'ADD --from',
      node('ADD', { flags: [f('from', 'b')], args: ['a', 'b'] }),
      ['UnknownFlag: unknown flag: --from'],
    ],
    [
      'MAINTAINER --boo',
      node('MAINTAINER', { flags: [f('boo')], args: ['joe@example.com'] }),
      ['UnknownFlag: unknown flag: --boo'],
    ],
    [
      'COPY --from bare',
      node('COPY', { flags: [f('from')], args: ['a', 'b'] }),
      ['MissingFlagValue: missing a value on flag: --from'],
    ],
    [
      'COPY --link=',
      node('COPY', { flags: [f('link', '')], args: ['a', 'b'] }),
      ['MissingFlagValue: missing a value on flag: --link'],
    ],
    [
      'COPY --link=x',
      node('COPY', { flags: [f('link', 'x')], args: ['a', 'b'] }),
      ['InvalidBooleanFlag: expecting boolean value for flag --link, not: x'],
    ],
    ['COPY --link=FALSE', node('COPY', { flags: [f('link', 'FALSE')], args: ['a', 'b'] }), []],
    [
      'COPY --from twice',
      node('COPY', { flags: [f('from', 'a'), f('from', 'b')], args: ['a', 'b'] }),
      ['DuplicateFlag: duplicate flag specified: --from'],
    ],
    [
      'COPY --exclude twice',
      node('COPY', { flags: [f('exclude', 'a'), f('exclude', 'b')], args: ['a', 'b'] }),
      [],
    ],
    [
      'RUN --mount twice',
      node('RUN', {
        flags: [f('mount', 'type=cache,target=/a'), f('mount', 'type=tmpfs,target=/b')],
        args: ['x'],
      }),
      [],
    ],
    ['STOPSIGNAL ignores flags', node('STOPSIGNAL', { flags: [f('x')], args: ['SIGTERM'] }), []],
    [
      'HEALTHCHECK NONE ignores flags',
      node('HEALTHCHECK', { flags: [f('bogus')], args: ['NONE'] }),
      [],
    ],
    ['ARG ignores flags', node('ARG', { flags: [f('bogus')], args: ['A'] }), []],
    [
      'ENV with a flag',
      node('ENV', { flags: [f('x', '1')], args: ['A', '1', '='] }),
      ['UnknownFlag: unknown flag: --x'],
    ],
    // FROM
    ['FROM', node('FROM'), ['InvalidArguments: FROM requires either one or three arguments']],
    [
      'FROM a b',
      node('FROM', { args: ['a', 'b'] }),
      ['InvalidArguments: FROM requires either one or three arguments'],
    ],
    [
      'FROM a XS b',
      node('FROM', { args: ['a', 'XS', 'b'] }),
      ['InvalidArguments: FROM requires either one or three arguments'],
    ],
    [
      'FROM a AS 1x',
      node('FROM', { args: ['a', 'AS', '1x'] }),
      [
        'InvalidStageName: invalid name for build stage: "1x", name can\'t start with a number or contain symbols',
      ],
    ],
    ['FROM a as Build_1.x-y', node('FROM', { args: ['a', 'as', 'Build_1.x-y'] }), []],
    [
      'FROM a AS b --platform',
      node('FROM', { flags: [f('platform')], args: ['a'] }),
      ['MissingFlagValue: missing a value on flag: --platform'],
    ],
    // ENV and LABEL
    ['ENV', node('ENV'), ['MissingArguments: ENV requires at least one argument']],
    ['LABEL', node('LABEL'), ['MissingArguments: LABEL requires at least one argument']],
    ['ENV =x', node('ENV', { args: ['', 'x', '='] }), ['BlankName: ENV names can not be blank']],
    [
      'LABEL =x',
      node('LABEL', { args: ['', 'x', '='] }),
      ['BlankName: LABEL names can not be blank'],
    ],
    [
      'ENV words PATH',
      node('ENV', { args: ['PATH'] }),
      ['InvalidArguments: ENV must have two arguments'],
    ],
    [
      'ENV words a=b c',
      node('ENV', { args: ['a=b', 'c'] }),
      ['InvalidArguments: Syntax error - can\'t find = in "c". Must be of the form: name=value'],
    ],
    ['ENV words ok', node('ENV', { args: ['a=b', 'c=d'] }), []],
    // ARG
    ['ARG', node('ARG'), ['MissingArguments: ARG requires at least one argument']],
    ['ARG =x', node('ARG', { args: ['=x'] }), ['BlankName: ARG names can not be blank']],
    ['ARG a b=c', node('ARG', { args: ['a', 'b=c'] }), []],
    // exactly one
    ['USER', node('USER'), ['MissingArguments: USER requires exactly one argument']],
    [
      'WORKDIR',
      node('WORKDIR', { args: [''] }),
      ['MissingArguments: WORKDIR requires exactly one argument'],
    ],
    [
      'STOPSIGNAL',
      node('STOPSIGNAL'),
      ['MissingArguments: STOPSIGNAL requires exactly one argument'],
    ],
    [
      'MAINTAINER',
      node('MAINTAINER'),
      ['MissingArguments: MAINTAINER requires exactly one argument'],
    ],
    // SHELL
    [
      'SHELL sh',
      node('SHELL', { args: ['sh -c'] }),
      ['ShellNotJson: SHELL requires the arguments to be in JSON form'],
    ],
    [
      'SHELL []',
      node('SHELL', { json: true }),
      ['MissingArguments: SHELL requires at least one argument'],
    ],
    ['SHELL ok', node('SHELL', { json: true, args: ['pwsh', '-c'] }), []],
    // COPY and ADD
    [
      'COPY arg1',
      node('COPY', { args: ['arg1'] }),
      [
        'MissingArguments: COPY requires at least two arguments, but only one was provided. Destination could not be determined',
      ],
    ],
    [
      'ADD arg1',
      node('ADD', { args: ['arg1'] }),
      [
        'MissingArguments: ADD requires at least two arguments, but only one was provided. Destination could not be determined',
      ],
    ],
    [
      'COPY heredoc dest',
      node('COPY', { args: ['a', '<<EOF'], heredocs: [createHeredoc('EOF', 'x\n')] }),
      ['HeredocDestination: COPY cannot accept a heredoc as a destination'],
    ],
    [
      'COPY --from=$X',
      node('COPY', { flags: [f('from', '${X}')], args: ['a', 'b'] }),
      [
        'FromExpansion: variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
      ],
    ],
    [
      'ADD --checksum two sources',
      node('ADD', {
        flags: [f('checksum', 'sha256:x')],
        args: ['https://a/x', 'https://a/y', '/d/'],
      }),
      ["InvalidChecksum: checksum can't be specified for multiple sources"],
    ],
    [
      'ADD --checksum local',
      node('ADD', { flags: [f('checksum', 'sha256:x')], args: ['x.tar', '/d/'] }),
      ['InvalidChecksum: checksum requires HTTP(S) or Git sources'],
    ],
    [
      'ADD --checksum http',
      node('ADD', { flags: [f('checksum', 'sha256:x')], args: ['https://a/x.tar', '/d/'] }),
      [],
    ],
    [
      'ADD --checksum git',
      node('ADD', { flags: [f('checksum', 'abc123')], args: ['git@github.com:a/b.git', '/d/'] }),
      [],
    ],
    [
      'ADD all flags',
      node('ADD', {
        flags: [
          f('chown', 'a'),
          f('chmod', '644'),
          f('link'),
          f('keep-git-dir', 'true'),
          f('unpack', 'true'),
          f('exclude', '*.md'),
        ],
        args: ['a', 'b'],
      }),
      [],
    ],
    [
      'ADD --parents',
      node('ADD', { flags: [f('parents')], args: ['a', 'b'] }),
      ['UnknownFlag: unknown flag: --parents'],
    ],
    // RUN
    [
      'RUN --network=bridge',
      node('RUN', { flags: [f('network', 'bridge')], args: ['x'] }),
      ['InvalidNetwork: invalid network mode "bridge"'],
    ],
    [
      'RUN --security=root',
      node('RUN', { flags: [f('security', 'root')], args: ['x'] }),
      ['InvalidSecurity: security "root" is not valid'],
    ],
    [
      'RUN --mount bad',
      node('RUN', { flags: [f('mount', 'type=foo')], args: ['x'] }),
      ['InvalidMount: unsupported mount type "foo"'],
    ],
    [
      'RUN --device',
      node('RUN', { flags: [f('device', 'nvidia.com/gpu=all')], args: ['x'] }),
      [
        'DeviceRequiresLabs: device feature is only supported in Dockerfile frontend 1.14.0-labs or later',
      ],
    ],
    [
      'RUN --devise',
      node('RUN', { flags: [f('devise', 'x')], args: ['x'] }),
      ['UnknownFlag: unknown flag: --devise (did you mean device?)'],
    ],
    ['RUN empty', node('RUN'), ['EmptyCommand: RUN has no command']],
    ['CMD []', node('CMD', { json: true }), []],
    // EXPOSE
    ['EXPOSE', node('EXPOSE'), ['MissingArguments: EXPOSE requires at least one argument']],
    [
      'EXPOSE 80/xyz',
      node('EXPOSE', { args: ['80', '80/xyz'] }),
      ['InvalidPort: invalid port: "80/xyz": invalid proto: xyz'],
    ],
    [
      'EXPOSE 99999',
      node('EXPOSE', { args: ['99999'] }),
      ['InvalidPort: invalid containerPort: 99999'],
    ],
    ['EXPOSE $PORT/xyz', node('EXPOSE', { args: ['$PORT/xyz', '8080/UDP'] }), []],
    // VOLUME
    ['VOLUME', node('VOLUME'), ['MissingArguments: VOLUME requires at least one argument']],
    [
      'VOLUME [""]',
      node('VOLUME', { json: true, args: ['/a', ' '] }),
      ['EmptyVolume: VOLUME specified can not be an empty string'],
    ],
    // HEALTHCHECK
    [
      'HEALTHCHECK',
      node('HEALTHCHECK'),
      ['MissingArguments: HEALTHCHECK requires at least one argument'],
    ],
    [
      'HEALTHCHECK NONE x',
      node('HEALTHCHECK', { args: ['NONE', 'x'] }),
      ['InvalidArguments: HEALTHCHECK NONE takes no arguments'],
    ],
    [
      'HEALTHCHECK CMD',
      node('HEALTHCHECK', { args: ['CMD'] }),
      ['MissingHealthcheckCommand: Missing command after HEALTHCHECK CMD'],
    ],
    [
      'HEALTHCHECK CMD []',
      node('HEALTHCHECK', { args: ['CMD'], json: true }),
      ['MissingHealthcheckCommand: Missing command after HEALTHCHECK CMD'],
    ],
    [
      'HEALTHCHECK connect',
      node('HEALTHCHECK', { args: ['connect', 'x'] }),
      ['UnknownHealthcheckType: Unknown type "CONNECT" in HEALTHCHECK (try CMD)'],
    ],
    [
      '--interval=50ns',
      node('HEALTHCHECK', { flags: [f('interval', '50ns')], args: ['CMD', 'x'] }),
      ['InvalidDuration: Interval "interval" cannot be less than 1ms'],
    ],
    [
      '--timeout=-1s',
      node('HEALTHCHECK', { flags: [f('timeout', '-1s')], args: ['CMD', 'x'] }),
      ['InvalidDuration: Interval "timeout" cannot be less than 1ms'],
    ],
    [
      '--interval=0ms',
      node('HEALTHCHECK', { flags: [f('interval', '0ms')], args: ['CMD', 'x'] }),
      [],
    ],
    [
      '--interval=1ms',
      node('HEALTHCHECK', { flags: [f('interval', '1ms')], args: ['CMD', 'x'] }),
      [],
    ],
    [
      '--start-period=10',
      node('HEALTHCHECK', { flags: [f('start-period', '10')], args: ['CMD', 'x'] }),
      ['InvalidDuration: time: missing unit in duration "10"'],
    ],
    [
      '--retries=-1',
      node('HEALTHCHECK', { flags: [f('retries', '-1')], args: ['CMD', 'x'] }),
      ['InvalidRetries: --retries cannot be negative (-1)'],
    ],
    [
      '--retries=x',
      node('HEALTHCHECK', { flags: [f('retries', 'x')], args: ['CMD', 'x'] }),
      ['InvalidRetries: strconv.ParseInt: parsing "x": invalid syntax'],
    ],
    ['--retries=0', node('HEALTHCHECK', { flags: [f('retries', '0')], args: ['CMD', 'x'] }), []],
    [
      '--timout',
      node('HEALTHCHECK', { flags: [f('timout', '1s')], args: ['CMD', 'x'] }),
      ['UnknownFlag: unknown flag: --timout (did you mean timeout?)'],
    ],
    // ONBUILD
    ['ONBUILD', node('ONBUILD'), ['MissingArguments: ONBUILD requires at least one argument']],
    [
      'ONBUILD ONBUILD',
      node('ONBUILD', { trigger: node('ONBUILD', { trigger: node('RUN', { args: ['x'] }) }) }),
      ["InvalidOnbuildTrigger: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"],
    ],
    [
      'ONBUILD FROM',
      node('ONBUILD', { trigger: node('FROM', { args: ['scratch'] }) }),
      ["InvalidOnbuildTrigger: FROM isn't allowed as an ONBUILD trigger"],
    ],
    [
      'ONBUILD MAINTAINER',
      node('ONBUILD', { trigger: node('MAINTAINER', { args: ['me'] }) }),
      ["InvalidOnbuildTrigger: MAINTAINER isn't allowed as an ONBUILD trigger"],
    ],
    [
      'ONBUILD checks its trigger',
      node('ONBUILD', { trigger: node('COPY', { args: ['a'] }) }),
      [
        'MissingArguments: COPY requires at least two arguments, but only one was provided. Destination could not be determined',
      ],
    ],
    [
      'ONBUILD COPY --from',
      node('ONBUILD', { trigger: node('COPY', { flags: [f('from', 'x')], args: ['a', 'b'] }) }),
      [],
    ],
  ])('%s', (_name, n, expected) => {
    expect(problems(n)).toEqual(expected);
  });

  it('accepts RUN --device on a labs frontend', () => {
    const n = node('RUN', { flags: [f('device', 'nvidia.com/gpu=all')], args: ['x'] });
    expect(validateInstruction(n, '\\', { labs: true })).toEqual([]);
  });

  it('returns the same empty array when there is nothing to report', () => {
    const a = validateInstruction(node('RUN', { args: ['x'] }), '\\');
    const b = validateInstruction(node('FROM', { args: ['alpine'] }), '\\');
    expect(a).toHaveLength(0);
    expect(a).toBe(b);
  });

  it('reports the lower-case keyword as written (raws), suggesting in that case', () => {
    const n = parse('xyzzy bar\n').children[0] as InstructionNode;
    expect(problems(n)).toEqual(['UnknownInstruction: unknown instruction: xyzzy']);
    const m = parse('form alpine\n').children[0] as InstructionNode;
    expect(problems(m)).toEqual([
      'UnknownInstruction: unknown instruction: form (did you mean from?)',
    ]);
  });
});

describe('validateInstruction through parse (tree.diagnostics)', () => {
  it.each([
    // re-expressed from BuildKit's instructions/parse_test.go
    [
      'FROM busybox\nCOPY\t\n\t\tquux \\\n      bar\n',
      'COPY requires at least two arguments, but only one was provided. Destination could not be determined',
    ],
    ['ONBUILD FROM scratch\n', "FROM isn't allowed as an ONBUILD trigger"],
    ['MAINTAINER --boo joe@example.com\n', 'unknown flag: --boo'],
    ['ONBUILD ONBUILD RUN touch foobar\n', "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"],
    ['FOO bar\n', 'unknown instruction: FOO (did you mean FROM?)'],
    ['foo bar\n', 'unknown instruction: foo (did you mean from?)'],
    ['Frobnicate bar\n', 'unknown instruction: Frobnicate'],
    ['MAINTAINER\n', 'MAINTAINER requires exactly one argument'],
    ['WORKDIR\n', 'WORKDIR requires exactly one argument'],
    ['USER\n', 'USER requires exactly one argument'],
    ['STOPSIGNAL\n', 'STOPSIGNAL requires exactly one argument'],
    ['ENV\n', 'ENV requires at least one argument'],
    ['LABEL\n', 'LABEL requires at least one argument'],
    ['ONBUILD\n', 'ONBUILD requires at least one argument'],
    ['HEALTHCHECK\n', 'HEALTHCHECK requires at least one argument'],
    ['EXPOSE\n', 'EXPOSE requires at least one argument'],
    ['VOLUME\n', 'VOLUME requires at least one argument'],
    [
      'ADD arg1\n',
      'ADD requires at least two arguments, but only one was provided. Destination could not be determined',
    ],
    [
      'COPY arg1\n',
      'COPY requires at least two arguments, but only one was provided. Destination could not be determined',
    ],
    ['ENV =arg2\n', 'ENV names can not be blank'],
    ['LABEL =arg2\n', 'LABEL names can not be blank'],
    ['FROM a\nHEALTHCHECK --interval=50ns CMD x\n', 'Interval "interval" cannot be less than 1ms'],
    [
      'FROM a\nRUN --mount=type=secret,id=x,from=y cat /run/secrets/x\n',
      'secret mount should not have a from',
    ],
    ['FROM a\nRUN --network=bridge true\n', 'invalid network mode "bridge"'],
    ['FROM a\nSHELL /bin/sh -c\n', 'SHELL requires the arguments to be in JSON form'],
    ['FROM a\nSHELL []\n', 'SHELL requires at least one argument'],
    ['FROM a\nEXPOSE 80/foo\n', 'invalid port: "80/foo": invalid proto: foo'],
    [
      'FROM a\nCOPY <<EOF <<EOF2\nx\nEOF\ny\nEOF2\n',
      'COPY cannot accept a heredoc as a destination',
    ],
    [
      'FROM a AS 1st\n',
      'invalid name for build stage: "1st", name can\'t start with a number or contain symbols',
    ],
    ['FROM a\nHEALTHCHECK CONNECT x\n', 'Unknown type "CONNECT" in HEALTHCHECK (try CMD)'],
    [
      'FROM a\nCOPY --from=$IMG /a /b\n',
      'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
    ],
  ])('%j', (text, message) => {
    const messages = parse(text).diagnostics.map((d) => d.message);
    expect(messages).toContain(message);
  });

  it('does not double-report the parser-level ENV errors', () => {
    expect(parse('FROM a\nENV PATH\n').diagnostics.map((d) => d.message)).toEqual([
      'ENV must have two arguments',
    ]);
  });

  it.each([
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nARG TARGETOS\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=bind,source=.,target=/src go build\nFROM scratch\nCOPY --from=build --chmod=755 /out/app /app\nHEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["/app", "health"]\nEXPOSE 8080/tcp 9000-9010/udp\nENTRYPOINT ["/app"]\n',
    'FROM alpine\nONBUILD COPY --from=build /a /b\nONBUILD RUN --mount=from=build,target=/x true\nHEALTHCHECK NONE\nSTOPSIGNAL SIGKILL\nVOLUME ["/data"]\nUSER 1000:1000\nWORKDIR /app\nLABEL a=b "c d"="e f"\nENV A=1 B="2 3"\nARG X=1 Y\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x.tar.gz /x\n',
  ])('a valid Dockerfile has no diagnostics (%#)', (text) => {
    expect(parse(text).diagnostics).toEqual([]);
  });
});
